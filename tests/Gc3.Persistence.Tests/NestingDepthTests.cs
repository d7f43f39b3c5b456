using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Tests;

/// <summary>
/// Hostile records with a valid checksum whose members hold <c>[MemoryPackable]</c> objects, which MemoryPack's
/// own generated code decodes (by recursion, its strings unchecked): nested 100,000 deep, or with forged lengths
/// and counts. Each is a <see cref="LoadException"/> naming the member, never a dead process, and no load
/// allocates more than the fuzz suite's bound (64 KiB plus 32 bytes per byte of the record).
/// </summary>
public sealed class NestingDepthTests() : TemporaryDirectoryTests("nesting-depth")
{
    [Fact]
    public void A_recursive_MemoryPackable_member_nested_100_000_deep_is_a_LoadException_not_a_stack_overflow()
    {
        // In a child process: without the check, MemoryPack's generated Deserialize recursed 100,000 times and the
        // stack overflow ended the process that loaded the record (the test host itself, here).
        var id = SaveForged(Chain(100_000), out var length);
        Assert.InRange(length, 500_000, 501_000); // 5 bytes a level, as the 500 KB record

        var failure = WorkerProcess.LoadFailure($"file://{Folder.Path}", id);

        Assert.Contains("the member 'Root'", failure);
        Assert.Contains("more than 64 deep", failure);
        Assert.Contains("StoreOptions.MaxNestingDepth", failure);
    }

    [Fact]
    public void The_same_record_is_refused_in_process_naming_the_ID_and_within_the_allocation_bound()
    {
        var error = LoadFails(Chain(100_000));

        Assert.Contains("nests values more than 64 deep", error.Message);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(63)]
    public void A_chain_within_the_default_limit_loads(int depth)
    {
        var id = SaveForged(Chain(depth), out _);
        using var store = new FilesystemStore(Folder.Path);

        var orchard = store.Load<Orchard>(id);

        Assert.Equal(depth, Depth(orchard.Root!));
    }

    [Fact]
    public void The_limit_is_configurable_per_store()
    {
        var id = SaveForged(Chain(150), out _);

        using (var store = new FilesystemStore(Folder.Path))
        {
            Assert.Contains("more than 64 deep", Assert.Throws<LoadException>(() => store.Load(id)).Message);
        }

        using (var deep = new FilesystemStore(Folder.Path, new StoreOptions { MaxNestingDepth = StoreOptions.MaxNestingDepthLimit }))
        {
            Assert.Equal(150, Depth(deep.Load<Orchard>(id).Root!));
        }

        using (var shallow = new FilesystemStore(Folder.Path, new StoreOptions { MaxNestingDepth = 10 }))
        {
            var saved = shallow.Save(new Orchard { Root = Build(5) });
            Assert.Equal(5, Depth(shallow.Load<Orchard>(saved).Root!));
            shallow.InvalidateCache();
            Assert.Equal(5, Depth(shallow.Load<Orchard>(saved).Root!));
            Assert.Contains("more than 10 deep", Assert.Throws<LoadException>(() => shallow.Load(id)).Message);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => new StoreOptions { MaxNestingDepth = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new StoreOptions { MaxNestingDepth = StoreOptions.MaxNestingDepthLimit + 1 });
        Assert.Equal(64, new StoreOptions().MaxNestingDepth);
    }

    [Fact]
    public void The_largest_limit_loads_on_a_thread_of_1_MiB()
    {
        // About 1 to 1.5 KiB of stack a level (the walk, then MemoryPack's readers): 990 levels overflowed 1 MiB.
        var id = SaveForged(Chain(StoreOptions.MaxNestingDepthLimit - 1), out _);
        using var store = new FilesystemStore(Folder.Path, new StoreOptions { MaxNestingDepth = StoreOptions.MaxNestingDepthLimit });
        var depth = -1;
        var thread = new Thread(() => depth = Depth(store.Load<Orchard>(id).Root!), 1 << 20);

        thread.Start();
        thread.Join();

        Assert.Equal(StoreOptions.MaxNestingDepthLimit - 1, depth);
    }

    [Fact]
    public void Nesting_through_lists_and_dictionaries_counts_too()
    {
        // Forks: a Branch in a list in a Branch, two levels each; ByName: a Branch as a dictionary's value.
        var forks = new Branch();
        var node = forks;
        for (var i = 0; i < 40; i++)
        {
            var child = new Branch { Label = "f" };
            node.Forks.Add(child);
            node = child;
        }

        using var store = new FilesystemStore(Folder.Path);
        var byName = store.Save(new Orchard { ByName = { ["deep"] = forks } });
        store.InvalidateCache();
        var error = Assert.Throws<LoadException>(() => store.Load(byName));
        Assert.Contains("the member 'ByName'", error.Message);

        using var deep = new FilesystemStore(Folder.Path, new StoreOptions { MaxNestingDepth = 100 });
        var loaded = deep.Load<Orchard>(byName).ByName["deep"];
        Assert.Equal("f", loaded.Forks[0].Forks[0].Label);
    }

    [Theory]
    [InlineData(int.MinValue, -1)]
    [InlineData(int.MinValue, 0)]
    [InlineData(int.MinValue + 1, -1)]
    [InlineData(int.MinValue + 3, 0)]
    [InlineData(-1000, 5)]
    [InlineData(-6, int.MaxValue)]
    [InlineData(1000, 0)]
    [InlineData(int.MaxValue, 0)]
    public void A_forged_string_length_inside_a_MemoryPackable_member_is_a_LoadException(int header, int utf16Length)
    {
        // Branch { count 1: Label } then 8 bytes to read: MemoryPack's ReadString trusts the header (int.MinValue:
        // it decoded 2 GB past the record and the process died of an access violation).
        var root = new byte[] { 1 }.Concat(Int32(header)).Concat(Int32(utf16Length)).Concat(new byte[8]).ToArray();

        var error = LoadFails(root);

        Assert.Contains("the member 'Root'", error.Message);
        Assert.Contains("string", error.Message);
    }

    [Fact]
    public void A_forged_string_length_in_a_plain_MemoryPackable_member_is_a_LoadException_in_a_child_process_too()
    {
        // JobBox is not recursive; its Label is read by MemoryPack's generated code all the same.
        var box = new byte[] { 2 }.Concat(Int32(int.MinValue)).Concat(Int32(-1)).Concat(new byte[] { 255 }).ToArray();
        var id = SaveForged(box, out _, member: "Box");

        Assert.Contains("the member 'Box'", WorkerProcess.LoadFailure($"file://{Folder.Path}", id));
    }

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(-2)]
    [InlineData(0x40000001)] // times 4 bytes overflows an int32
    [InlineData(1 << 30)]
    [InlineData(int.MaxValue)]
    public void A_forged_count_inside_a_MemoryPackable_member_is_a_LoadException(int count)
    {
        // Branch { Label "", Next null, Forks count, Weights [] } and Branch { ..., Forks [], Weights count }.
        foreach (var forks in new[] { true, false })
        {
            var root = new byte[] { 4, 0, 0, 0, 0, 255 }
                .Concat(Int32(forks ? count : 0))
                .Concat(Int32(forks ? 0 : count))
                .Concat(new byte[16])
                .ToArray();

            var error = LoadFails(root);

            Assert.Contains("the member 'Root'", error.Message);
            Assert.Contains("claims", error.Message);
        }
    }

    [Theory]
    [InlineData("05", "claims 5 members")] // more members than Branch has
    [InlineData("0200000000FE", "claims 254 members")] // Next: neither null (255) nor a Branch's member count
    [InlineData("0400000000FF05000000", "claims 5 elements")] // Forks: a count of 5 with no bytes left
    public void A_forged_object_header_inside_a_MemoryPackable_member_is_a_LoadException(string hex, string expected)
    {
        var error = LoadFails(Convert.FromHexString(hex));

        Assert.Contains("the member 'Root'", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Well_formed_MemoryPackable_members_load_as_saved()
    {
        using var store = new FilesystemStore(Folder.Path);
        var job = new Job { Name = "boxed" };
        var orchard = new Orchard
        {
            Name = "o",
            Root = new Branch { Label = "root", Next = new Branch { Label = "ünï" }, Forks = [new Branch { Label = "f", Weights = [1, 2] }] },
            Box = new JobBox { Label = "box", Job = job },
            ByName = { ["b"] = new Branch { Label = "b" } },
        };
        var id = store.Save(orchard);
        store.InvalidateCache();

        var loaded = store.Load<Orchard>(id);

        Assert.Equal("ünï", loaded.Root!.Next!.Label);
        Assert.Equal([1, 2], loaded.Root.Forks[0].Weights);
        Assert.Equal("boxed", loaded.Box!.Job!.Name);
        Assert.Equal("b", loaded.ByName["b"].Label);
    }

    [Fact]
    public void Only_members_that_hold_MemoryPackable_objects_are_walked_and_the_decision_is_made_once()
    {
        Assert.True(PersistableRegistry.TryGet(typeof(Orchard), out var orchard));
        Assert.True(PersistableRegistry.TryGet(typeof(Job), out var job));
        Assert.True(PersistableRegistry.TryGet(typeof(Containers), out var containers));

        var guard = NestingGuard.Of(orchard);

        Assert.NotNull(guard);
        Assert.Equal(["Box", "ByName", "Root"], guard.Members.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.Same(guard, NestingGuard.Of(orchard));
        Assert.Null(NestingGuard.Of(job)); // strings, scalars, references, string collections: nothing to walk
        Assert.Equal(["Box"], NestingGuard.Of(containers)!.Members.Select(m => m.Name)); // JobBox; lists of references and ints are not
    }

    [Fact]
    public void The_schema_walker_and_RecordJson_honour_the_limit_they_are_given()
    {
        var id = SaveForged(Chain(150), out _);
        var record = File.ReadAllBytes(Path.Combine(Folder.Path, id.ToString()));
        var document = SchemaDocument.Parse(PersistableRegistry.All.Single(s => s.Type == typeof(Orchard)).SchemaDocument);

        var e = Assert.Throws<LoadException>(() => RecordJson.WriteRecord(new Utf8JsonWriter(new ArrayBufferWriter<byte>()), document, record, id));
        Assert.Contains("more than 64 deep", e.Message);

        var output = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(output))
        {
            RecordJson.WriteRecord(json, document, record, id, maxDepth: StoreOptions.MaxNestingDepthLimit);
        }

        var root = JsonDocument.Parse(output.WrittenMemory, new JsonDocumentOptions { MaxDepth = 400 }).RootElement.GetProperty("Root");
        Assert.Equal(JsonValueKind.Object, root.GetProperty("Next").ValueKind);
    }

    // A record whose Root holds value, loaded in process: a LoadException naming it, within the fuzz suite's
    // allocation bound (64 KiB plus 32 bytes per byte of the record).
    private LoadException LoadFails(byte[] value)
    {
        var id = SaveForged(value, out var length);
        using var store = new FilesystemStore(Folder.Path);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<LoadException>(() => store.Load(id));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(id, error.Id);
        Assert.True(allocated <= (64 << 10) + (32L * length), $"{allocated} bytes allocated for a record of {length}");
        return error;
    }

    // A Branch chain through Next, as MemoryPack writes it with 2 of its 4 members (a record of an older
    // Branch): count 2, Label "", then Next; the last Next null. 5 bytes a level.
    private static byte[] Chain(int depth)
    {
        var bytes = new byte[(5 * (depth + 1)) + 1];
        for (var i = 0; i <= depth; i++)
        {
            bytes[5 * i] = 2;
        }

        bytes[^1] = 255;
        return bytes;
    }

    private static Branch Build(int depth)
    {
        var root = new Branch { Label = "0" };
        var node = root;
        for (var i = 1; i <= depth; i++)
        {
            node = node.Next = new Branch { Label = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        return root;
    }

    private static int Depth(Branch branch)
    {
        var depth = 0;
        for (var node = branch.Next; node is not null; node = node.Next)
        {
            depth++;
        }

        return depth;
    }

    private static byte[] Int32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    // Saves an Orchard, then replaces one member's value with hostile bytes, fixes the lengths and reseals
    // the checksum: a record a hostile writer made, which only the decoder can refuse.
    private Id SaveForged(byte[] value, out int recordLength, string member = "Root")
    {
        Id id;
        using (var store = new FilesystemStore(Folder.Path))
        {
            id = store.Save(new Orchard { Name = "forged", Root = new Branch { Label = "r" }, Box = new JobBox { Label = "b" } });
        }

        var path = Path.Combine(Folder.Path, id.ToString());
        var record = File.ReadAllBytes(path);
        RecordFormat.ReadHeader(id, record, out var range);
        var body = record[range];
        var rebuilt = new List<byte>(body[..4]);
        var at = 4;
        var key = Key(member);
        while (at < body.Length)
        {
            var memberKey = BinaryPrimitives.ReadUInt32LittleEndian(body.AsSpan(at));
            var length = BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(at + 4));
            var bytes = memberKey == key ? value : body[(at + 8)..(at + 8 + length)];
            rebuilt.AddRange(body[at..(at + 4)]);
            rebuilt.AddRange(Int32(bytes.Length));
            rebuilt.AddRange(bytes);
            at += 8 + length;
        }

        var forged = record[..(range.Start.Value - 4)].Concat(Int32(rebuilt.Count)).Concat(rebuilt).Concat(new byte[4]).ToArray();
        File.WriteAllBytes(path, RecordEditing.Resealed(forged));
        recordLength = forged.Length;
        return id;
    }

    private static uint Key(string name)
    {
        var hash = 0x811C9DC5u;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 0x01000193u;
        }

        return hash | 0x80000000u;
    }
}
