using Gc3.Persistence;
using Gc3.Persistence.Files;
using Gc3.Persistence.SchemaFixtures.V1;
using Gc3.Persistence.Sqlite;
using Gc3.Persistence.TestModel;

// Writes the version 1 records into ARGS[0]/files (a file store) and ARGS[0]/store.db (SQLite), the same
// objects in both, with IDs from 1 in this order. With "opaque" after the directory: the records of the
// unmanaged structs holding enums (tests/Gc3.Persistence.Tests/Records/schema-v1-opaque) instead.
if (args.Length != 1 && (args.Length != 2 || args[1] != "opaque"))
{
    Console.Error.WriteLine("usage: Gc3.Persistence.SchemaFixtures.V1 OUTPUT-DIRECTORY [opaque]");
    return 2;
}

var opaque = args.Length == 2;

var files = Path.Combine(args[0], "files");
var database = Path.Combine(args[0], "store.db");
if (Directory.Exists(files) || File.Exists(database))
{
    Console.Error.WriteLine($"{args[0]} already holds fixtures: delete them first");
    return 1;
}

Directory.CreateDirectory(files);
using (var store = new FilesystemStore(files))
{
    if (opaque)
    {
        WriteOpaque(store);
    }
    else
    {
        Write(store);
    }
}

using (var store = new SqliteStore(database))
{
    if (opaque)
    {
        WriteOpaque(store);
    }
    else
    {
        Write(store);
    }
}

Console.WriteLine($"wrote {files} and {database}");
return 0;

static void Write(IStore store)
{
    var second = new EvolvedJob
    {
        Name = "second", Count = -5, Ratio = 3, Size = uint.MaxValue, Priority = 2, Retries = 0, Kind = "Batch", Stage = Stage.Draft,
        State = State.New, Color = Color.Purple, Tags = [], Scores = [], Ids = [], Limits = [], Details = null, History = [], Comment = "",
    };
    var first = new EvolvedJob
    {
        Name = "first", Count = int.MaxValue, Ratio = 16_777_217, Size = 4_000_000_000, Priority = 9, Retries = 4, Kind = "Interactive",
        Stage = Stage.Review, State = State.Submitted, Color = Color.Green, Tags = ["a", "b"], Scores = [1, -2, int.MaxValue], Ids = [5],
        Limits = new() { ["cpu"] = 8 }, Details = new Details { Label = "box", Count = int.MinValue },
        History = [State.New, State.Submitted, State.Running], Comment = "removed in version 2", Next = second,
    };
    store.Save(first);                                               // first.1 and second.2
    store.Save(new BrokenTypeChange { Name = "not a number" });     // 3
    store.Save(new BrokenNullChange { Value = null });              // 4
    store.Save(new BrokenNullChange { Value = 12 });                // 5
    store.Save(new BrokenEnumChange { Kind = Kind.Archived });      // 6
    store.Save(new BrokenEnumChange { Kind = Kind.Interactive });   // 7
}

static void WriteOpaque(IStore store)
{
    store.Save(new RenumberedLog { Marks = [new Mark(MarkState.Busy, 10), new Mark(MarkState.Done, 20)] });   // RenumberedLog.1
    store.Save(new AppendedLog { Last = new Reading(Level.High, 42) });                                       // AppendedLog.2
}
