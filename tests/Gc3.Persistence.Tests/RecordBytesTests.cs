using Gc3.Persistence.Files;
using Gc3.Persistence.TestModel;
using Gc3.Persistence.Tests.StoreContract;

namespace Gc3.Persistence.Tests;

/// <summary>
/// The record format pinned byte for byte: a change to the generated serializers (or the runtime helpers
/// they call) must write exactly the bytes it wrote before for the same objects, whatever its code looks
/// like. The objects cover every way a member is written: strings, scalars, nullable scalars, string
/// collections, references, formatted collections of references, a [MemoryPackable] value holding a
/// reference, a derived type after its base's members, and init-only, required and field members.
/// </summary>
public sealed class RecordBytesTests : IDisposable
{
    // Hex of each record file, keyed by the file name (the ID), as version 1 of the generated code wrote them.
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["Containers.3"] = "473350010024004763332E50657273697374656E63652E546573744D6F64656C2E436F6E7461696E657273700100000800000004140BB9280000000100000003F7FFFFFF08000000746573742E6A6F62FCFFFFFF030000004A6F62010000000000000051F621C0290000000200000003F7FFFFFF08000000746573742E6A6F62FCFFFFFF030000004A6F620100000000000000FFB7E921AA3600000001000000F9FFFFFF0600000070696E6E656403F7FFFFFF08000000746573742E6A6F62FCFFFFFF030000004A6F620100000000000000C0A0BDF61600000002000000FEFFFFFF0100000061FEFFFFFF01000000626A7410D143000000010000000100000003E1FFFFFF1E0000004763332E50657273697374656E63652E546573744D6F64656C2E4E6F6465FBFFFFFF040000004E6F64650400000000000000D27ECBD53000000002FCFFFFFF03000000626F7803F7FFFFFF08000000746573742E6A6F62FCFFFFFF030000004A6F620100000000000000C9773CD610000000030000000100000002000000030000007F9487800C000000020000000100000002000000608D15FA",
        ["Executable.2"] = "473350010024004763332E50657273697374656E63652E546573744D6F64656C2E45786563757461626C658A0000000300000056E466EB19000000EEFFFFFF110000002F7573722F62696E2F73696D756C61746537D5CDDD0D000000FAFFFFFF05000000312E322E33B223E7D948000000BFFFFFFF4000000063636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363636363184570FF",
        ["GpuMachine.5"] = "473350010024004763332E50657273697374656E63652E546573744D6F64656C2E4770754D616368696E653A000000030000000673E08F0E000000F9FFFFFF060000006E6F64652D3117394EAE0400000040000000B588C6A90C000000FBFFFFFF040000004131303039342B4C",
        // The 200 'o's of the sample job's output, as UTF-8, between the members around them.
        ["Job.1"] = "47335001000800746573742E6A6F62100200000A0000000673E08F0E000000F9FFFFFF0600000070696E6E656496A4EC9D04000000010000003F193CA33600000003000000F8FFFFFF070000002D2D696E707574F5FFFFFF0A00000070696E6E65642E646174F6FFFFFF090000002D2D766572626F73659A5A24874100000002000000F0FFFFFF0F0000004F4D505F4E554D5F54485245414453FEFFFFFF0100000034FBFFFFFF04000000484F4D45F6FFFFFF090000002F686F6D652F67633317394EAE0400000004000000A1ACD88E080000000020000000000000625D098A0800000000C430BA4C49DF48B48243D1080000000100000000000000244376EED000000037FFFFFFC8000000" + string.Concat(Enumerable.Repeat("6F", 200)) + "2DA853D14700000003DBFFFFFF240000004763332E50657273697374656E63652E546573744D6F64656C2E45786563757461626C65F5FFFFFF0A00000045786563757461626C650200000000000000FED2EF39",
        ["Node.4"] = "47335001001E004763332E50657273697374656E63652E546573744D6F64656C2E4E6F64652D000000030000000673E08F0C000000FBFFFFFF040000006C65616608DAE2DC01000000FFF24D3D8B04000000000000008B990FD6",
        ["Settings.6"] = "473350010022004763332E50657273697374656E63652E546573744D6F64656C2E53657474696E6773490000000400000074BE229B0B000000FCFFFFFF03000000676333D59511CF040000000300000032774ED30E000000F9FFFFFF060000006D616E75616C070000000800000007000000000000003B55B1AB",
    };

    private readonly TemporaryDirectory _directory = new("record-bytes");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_records_of_the_same_objects_have_the_same_bytes()
    {
        using (var store = new FilesystemStore(_directory.Path))
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

        var actual = Directory.GetFiles(_directory.Path, "*", SearchOption.AllDirectories)
            .Where(file => Path.GetFileName(file).Contains('.', StringComparison.Ordinal) && !Path.GetFileName(file).StartsWith('.'))
            .ToDictionary(file => Path.GetFileName(file), file => Convert.ToHexString(File.ReadAllBytes(file)), StringComparer.Ordinal);

        var report = string.Join("\n", actual.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"[\"{pair.Key}\"] = \"{pair.Value}\","));
        Assert.True(Expected.Count == actual.Count && Expected.All(pair => actual.GetValueOrDefault(pair.Key) == pair.Value), "the record bytes changed; now:\n" + report);
    }
}
