namespace Gc3.Persistence.Tests;

/// <summary>
/// The record format pinned byte for byte: a change to the generated serializers (or the runtime helpers
/// they call) must write exactly the bytes it wrote before for the same objects, whatever its code looks
/// like. The objects cover every way a member is written: strings, scalars, nullable scalars, string
/// collections, references, formatted collections of references, a [MemoryPackable] value holding a
/// reference, a derived type after its base's members, and init-only, required and field members.
/// The same objects' records in format version 1 (<c>Records/v1-all-members</c>, the bytes the code
/// before format version 2 wrote, which this test pinned until then) still load.
/// </summary>
public sealed class RecordBytesTests() : TemporaryDirectoryTests("record-bytes")
{
    // Hex of each record file, keyed by the file name (the ID), as format version 2 writes them (with the writer
    // schema's hash at offset 5 since issue 15: a change to a sample type's persisted members changes it).
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["Containers.3"] = "47335002009987AD1B5313A25F24000A0003000000000000004763332E50657273697374656E63652E546573744D6F64656C2E436F6E7461696E657273436F6E7461696E657273700100000800000004140BB9280000000100000003F7FFFFFF08000000746573742E6A6F62FCFFFFFF030000004A6F62010000000000000051F621C0290000000200000003F7FFFFFF08000000746573742E6A6F62FCFFFFFF030000004A6F620100000000000000FFB7E921AA3600000001000000F9FFFFFF0600000070696E6E656403F7FFFFFF08000000746573742E6A6F62FCFFFFFF030000004A6F620100000000000000C0A0BDF61600000002000000FEFFFFFF0100000061FEFFFFFF01000000626A7410D143000000010000000100000003E1FFFFFF1E0000004763332E50657273697374656E63652E546573744D6F64656C2E4E6F6465FBFFFFFF040000004E6F64650400000000000000D27ECBD53000000002FCFFFFFF03000000626F7803F7FFFFFF08000000746573742E6A6F62FCFFFFFF030000004A6F620100000000000000C9773CD610000000030000000100000002000000030000007F9487800C000000020000000100000002000000669A8C66",
        ["Executable.2"] = "47335002001DD607FBA18FEBC724000A0002000000000000004763332E50657273697374656E63652E546573744D6F64656C2E45786563757461626C6545786563757461626C658A0000000300000056E466EB19000000EEFFFFFF110000002F7573722F62696E2F73696D756C61746537D5CDDD0D000000FAFFFFFF05000000312E322E33B223E7D948000000BFFFFFFF400000006363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636385B9D578",
        ["GpuMachine.5"] = "4733500200BC1A016FFEC93B8F24000A0005000000000000004763332E50657273697374656E63652E546573744D6F64656C2E4770754D616368696E654770754D616368696E653A000000030000000673E08F0E000000F9FFFFFF060000006E6F64652D3117394EAE0400000040000000B588C6A90C000000FBFFFFFF0400000041313030994BA01C",
        // The 200 'o's of the sample job's output, as UTF-8, between the members around them.
        ["Job.1"] = "473350020031BFE8BACA333EAC080003000100000000000000746573742E6A6F624A6F62100200000A0000000673E08F0E000000F9FFFFFF0600000070696E6E656496A4EC9D04000000010000003F193CA33600000003000000F8FFFFFF070000002D2D696E707574F5FFFFFF0A00000070696E6E65642E646174F6FFFFFF090000002D2D766572626F73659A5A24874100000002000000F0FFFFFF0F0000004F4D505F4E554D5F54485245414453FEFFFFFF0100000034FBFFFFFF04000000484F4D45F6FFFFFF090000002F686F6D652F67633317394EAE0400000004000000A1ACD88E080000000020000000000000625D098A0800000000C430BA4C49DF48B48243D1080000000100000000000000244376EED000000037FFFFFFC8000000" + string.Concat(Enumerable.Repeat("6F", 200)) + "2DA853D14700000003DBFFFFFF240000004763332E50657273697374656E63652E546573744D6F64656C2E45786563757461626C65F5FFFFFF0A00000045786563757461626C650200000000000000E5F26FBA",
        ["Node.4"] = "47335002009E9CF0752E7D9A7D1E00040004000000000000004763332E50657273697374656E63652E546573744D6F64656C2E4E6F64654E6F64652D000000030000000673E08F0C000000FBFFFFFF040000006C65616608DAE2DC01000000FFF24D3D8B04000000000000005B99C1F0",
        ["Settings.6"] = "473350020044A04A1AD934578A2200080006000000000000004763332E50657273697374656E63652E546573744D6F64656C2E53657474696E677353657474696E6773490000000400000074BE229B0B000000FCFFFFFF03000000676333D59511CF040000000300000032774ED30E000000F9FFFFFF060000006D616E75616C07000000080000000700000000000000788C49FA",
    };

    // The same objects' records in format version 1, as the code before version 2 wrote them.
    private static readonly string Version1Directory = Path.Combine(AppContext.BaseDirectory, "Records", "v1-all-members");

    [Fact]
    public void The_records_of_the_same_objects_have_the_same_bytes()
    {
        var actual = SaveSamples();

        var report = string.Join("\n", actual.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"[\"{pair.Key}\"] = \"{pair.Value}\","));
        Assert.True(Expected.Count == actual.Count && Expected.All(pair => actual.GetValueOrDefault(pair.Key) == pair.Value), "the record bytes changed; now:\n" + report);
    }

    [Fact]
    public void Version_2_records_hold_the_bodies_of_version_1_after_a_header_that_names_the_id()
    {
        var actual = SaveSamples();

        foreach (var file in Directory.GetFiles(Version1Directory).Where(f => !Path.GetFileName(f).StartsWith('.')))
        {
            var id = Id.Parse(Path.GetFileName(file));
            var v1 = File.ReadAllBytes(file);
            var v2 = Convert.FromHexString(actual[id.ToString()]);
            Assert.Equal(RecordFormat.Version1, v1[3]);
            Assert.Equal(RecordFormat.Version, v2[3]);
            Assert.Equal(RecordFormat.ReadHeader(id, v1, out var v1Body), RecordFormat.ReadHeader(id, v2, out var v2Body));
            Assert.True(v1.AsSpan(v1Body).SequenceEqual(v2.AsSpan(v2Body)), $"the body of {id} changed");
            Assert.Null(RecordFormat.ReadId(id, v1, out var v1Schema));
            Assert.Equal(id, RecordFormat.ReadId(id, v2, out var v2Schema));
            Assert.Equal(0UL, v1Schema); // written before schemas
            Assert.True(Gc3.Persistence.Serialization.PersistableRegistry.TryGetByTag(RecordFormat.ReadHeader(id, v2, out _), out var serializer, out _));
            Assert.Equal(serializer!.SchemaHash, v2Schema); // the schema of the type that wrote it
            Assert.NotEqual(0UL, v2Schema);
        }
    }

    [Fact]
    public void Version_1_records_written_before_version_2_still_load_and_are_rewritten_as_version_2()
    {
        foreach (var file in Directory.GetFiles(Version1Directory))
        {
            File.Copy(file, Path.Combine(Folder.Path, Path.GetFileName(file)));
        }

        using (var store = new FilesystemStore(Folder.Path))
        {
            var job = store.Load<Job>(Id.Parse("Job.1"));
            Samples.AssertSameJob(Samples.Job("pinned"), job);
            var containers = store.Load<Containers>(Id.Parse("Containers.3"));
            Assert.Same(job, containers.JobList[0]);
            Assert.Same(job, containers.JobsByName["pinned"]);
            Assert.Equal("leaf", containers.Nested![0][0].Name);
            Assert.Equal([1, 2, 3], containers.Numbers);
            Assert.Equal([JobState.Submitted, JobState.Running], containers.States);
            Assert.Same(job, containers.Box!.Job);
            var machine = store.Load<GpuMachine>(Id.Parse("GpuMachine.5"));
            Assert.Equal(("node-1", 64, "A100"), (machine.Name, machine.Cores, machine.Gpu));
            var settings = store.Load<Settings>(Id.Parse("Settings.6"));
            Assert.Equal(("gc3", "manual", 7L, 3), (settings.Owner, settings.Mode, settings.Pinned, settings.Retries));

            job.Name = "saved again";
            store.Save(job);
        }

        var rewritten = File.ReadAllBytes(Path.Combine(Folder.Path, "Job.1"));
        Assert.Equal(RecordFormat.Version, rewritten[3]);
        Assert.Equal(Id.Parse("Job.1"), RecordFormat.ReadId(null, rewritten, out _));
    }

    private Dictionary<string, string> SaveSamples()
    {
        using (var store = new FilesystemStore(Folder.Path))
        {
            var job = Samples.Job("pinned");
            var settings = new Settings { Owner = "gc3", Mode = "manual", Pinned = 7 };
            settings.SetRetries(3);
            store.SaveMany(
            [
                job,
                new Containers
                {
                    JobList = [job],
                    JobArray = [job, null],
                    JobsByName = { ["pinned"] = job },
                    Tags = ["a", "b"],
                    Nested = [[new Node { Name = "leaf" }]],
                    Box = new JobBox { Label = "box", Job = job },
                    Numbers = [1, 2, 3],
                    States = [JobState.Submitted, JobState.Running],
                },
                new GpuMachine { Name = "node-1", Cores = 64, Gpu = "A100" },
                settings,
            ]);
        }

        // The records only: the store's schemas are in a folder of their own (.gc3-schemas).
        var actual = Directory.GetFiles(Folder.Path, "*", SearchOption.TopDirectoryOnly)
            .Where(file => Path.GetFileName(file).Contains('.', StringComparison.Ordinal) && !Path.GetFileName(file).StartsWith('.'))
            .ToDictionary(file => Path.GetFileName(file), file => Convert.ToHexString(File.ReadAllBytes(file)), StringComparer.Ordinal);
        return actual;
    }
}
