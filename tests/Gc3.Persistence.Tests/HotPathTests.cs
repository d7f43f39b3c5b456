using System.Runtime.CompilerServices;

namespace Gc3.Persistence.Tests;

/// <summary>
/// The behaviour behind the runtime's fast paths (found by the benchmarks): the identity map of
/// reused weak handles, save and load operations kept between calls, type tags and ID prefixes
/// compared as UTF-8 bytes. Each fast path must keep the semantics of the slow one.
/// </summary>
public sealed class HotPathTests() : TemporaryDirectoryTests("hot-path")
{
    [Fact]
    public void The_identity_map_holds_objects_weakly_also_after_its_handles_are_reused()
    {
        using var store = new FilesystemStore(Folder.Path);
        var ids = Enumerable.Range(0, 20).Select(i => store.Save(Samples.Job($"j{i}"))).ToList();
        store.InvalidateCache(); // the handles go to the spare list and are reused below

        var (weak, id) = LoadAndForget(store, ids[3]);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(weak.IsAlive, "the identity map kept a loaded object alive");
        var again = store.Load<Job>(id);
        Assert.Equal("j3", again.Name);
        Assert.Same(again, store.Load<Job>(id));
    }

    [Fact]
    public void Objects_kept_alive_stay_the_same_instances_through_many_sweeps()
    {
        using var store = new FilesystemStore(Folder.Path);
        var kept = new List<Job>();
        var ids = new List<Id>();
        for (var i = 0; i < 300; i++)
        {
            var job = Samples.Job($"k{i}");
            ids.Add(store.Save(job));
            kept.Add(job);
        }

        // More sets than the sweep interval (4,096), most of them for objects that die: sweeps run
        // and must drop only those.
        var executable = Samples.Executable();
        for (var batch = 0; batch < 10; batch++)
        {
            store.SaveMany(Enumerable.Range(0, 500).Select(i => (object)Samples.Job($"d{batch}.{i}", executable)).ToList());
            GC.Collect();
        }

        for (var i = 0; i < kept.Count; i++)
        {
            Assert.Same(kept[i], store.Load<Job>(ids[i]));
        }
    }

    [Fact]
    public void Small_saves_after_a_large_SaveMany_still_save_every_reference()
    {
        using var store = new FilesystemStore(Folder.Path);
        var executable = Samples.Executable("/opt/shared");
        var many = Enumerable.Range(0, 1_000).Select(i => (object)Samples.Job($"m{i}", executable)).ToList();
        store.SaveMany(many);

        var fresh = Samples.Executable("/opt/fresh");
        var id = store.Save(Samples.Job("after", fresh));
        store.InvalidateCache();

        var loaded = store.Load<Job>(id);
        Assert.Equal("/opt/fresh", loaded.Executable!.Path);
        Assert.Equal(fresh.PersistentId, loaded.Executable.PersistentId);
    }

    [Fact]
    public void References_under_a_prefix_other_than_the_types_load_back_shared()
    {
        // The reference formatter writes and reads the type's own prefix from cached bytes; any other
        // prefix takes the general path.
        using var store = new FilesystemStore(Folder.Path, new StoreOptions { IdFactory = new IdFactory("obj") });
        var executable = Samples.Executable();
        var first = store.Save(Samples.Job("a", executable));
        var second = store.Save(Samples.Job("b", executable));
        store.InvalidateCache();

        var a = store.Load<Job>(first);
        var b = store.Load<Job>(second);

        Assert.Equal("obj", executable.PersistentId!.Prefix);
        Assert.Equal(executable.PersistentId, a.Executable!.PersistentId);
        Assert.Same(a.Executable, b.Executable);
    }

    [Fact]
    public void A_record_file_copied_over_another_is_a_LoadException_naming_both_ids()
    {
        using var store = new FilesystemStore(Folder.Path);
        var (id, executableId) = SaveJobAndExecutable(store);
        File.Copy(store.PathOf(id), store.PathOf(executableId), overwrite: true);

        var error = ReloadFails(store, id);

        Assert.Equal(executableId, error.Id);
        Assert.Contains($"'{executableId}'", error.Message);
        Assert.Contains($"'{id}'", error.Message);
        Assert.Contains("copied or moved", error.Message);
        Assert.Contains($"'{id}'", Assert.Throws<LoadException>(() => store.Load(executableId)).Message); // loaded directly too
    }

    [Fact]
    public void A_referenced_record_of_another_type_is_a_LoadException_naming_both_tags()
    {
        using var store = new FilesystemStore(Folder.Path);
        var (id, executableId) = SaveJobAndExecutable(store);
        File.WriteAllBytes(store.PathOf(executableId), RecordEditing.WithId(File.ReadAllBytes(store.PathOf(id)), executableId));

        var error = ReloadFails(store, id);

        Assert.Equal(executableId, error.Id);
        Assert.Contains(RecordFormat.ReadHeader(id, File.ReadAllBytes(store.PathOf(id)), out _), error.Message);
        Assert.Contains("refers to it as", error.Message);
    }

    [Fact]
    public void A_type_tag_that_is_not_UTF8_is_a_LoadException()
    {
        using var store = new FilesystemStore(Folder.Path);
        var id = store.Save(Samples.Job("bad tag"));
        var record = File.ReadAllBytes(store.PathOf(id));
        record[RecordEditing.TagOffset] = 0xFF; // the first byte of the tag
        File.WriteAllBytes(store.PathOf(id), RecordEditing.Resealed(record));

        var error = ReloadFails(store, id);

        Assert.Equal(id, error.Id);
        Assert.Contains("not valid UTF-8", error.Message);
    }

    [Fact]
    public void A_reference_with_an_unsafe_prefix_is_a_LoadException()
    {
        using var store = new FilesystemStore(Folder.Path);
        var job = Samples.Job("unsafe");
        var id = store.Save(job);
        var record = File.ReadAllBytes(store.PathOf(id));
        // The prefix as a reference writes it: ~length, UTF-16 length, UTF-8 bytes.
        var prefix = Encoding.UTF8.GetBytes(job.Executable!.PersistentId!.Prefix);
        var written = new byte[8 + prefix.Length];
        BinaryPrimitives.WriteInt32LittleEndian(written, ~prefix.Length);
        BinaryPrimitives.WriteInt32LittleEndian(written.AsSpan(4), prefix.Length);
        prefix.CopyTo(written, 8);
        var at = record.AsSpan().IndexOf(written);
        Assert.True(at > 0);
        record[at + 8] = (byte)'/'; // same length, so every frame still fits: only the prefix is wrong
        File.WriteAllBytes(store.PathOf(id), RecordEditing.Resealed(record));

        var error = ReloadFails(store, id);

        Assert.Equal(id, error.Id);
        Assert.Contains("invalid ID", error.Message);
    }

    // A job and its executable saved: the executable's record is the one a test then damages.
    private static (Id Job, Id Executable) SaveJobAndExecutable(FilesystemStore store)
    {
        var job = Samples.Job("holder");
        return (store.Save(job), job.Executable!.PersistentId!);
    }

    // Loads the record again from its file (the identity map emptied first): it must fail.
    private static LoadException ReloadFails(FilesystemStore store, Id id)
    {
        store.InvalidateCache();
        return Assert.Throws<LoadException>(() => store.Load(id));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Weak, Id Id) LoadAndForget(IStore store, Id id) => (new WeakReference(store.Load<Job>(id)), id);
}
