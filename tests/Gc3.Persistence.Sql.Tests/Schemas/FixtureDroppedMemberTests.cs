using Gc3.Persistence.Records;
using Gc3.Persistence.Tests.Schemas;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Sql.Tests.Schemas;

/// <summary>
/// Two builds on one store, with real records: <c>EvolvedJob.2</c> of the schema fixture, written by another build
/// (<c>tests/Gc3.Persistence.SchemaFixtures.V1</c>), holds the member <c>Comment</c> and the enum name <c>Purple</c>, which
/// the test model's <see cref="EvolvedJob"/> lacks. A save of the loaded object, on the file store and SQLite, under each
/// <see cref="StoreOptions.DroppedMembers"/>: what is lost, and what the warning or the error says to do.
/// </summary>
public sealed class FixtureDroppedMemberTests : IDisposable
{
    private static readonly Id Second = Id.Parse("EvolvedJob.2");

    // Each member the record holds and the class lacks, as the warning and the error list them.
    private const string Dropped = "'Gc3.Persistence.TestModel.EvolvedColor.Purple, loaded as Unknown (in Color)', 'Comment'";
    private readonly TemporaryDirectory _folder = new("fixture-dropped");

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Refuse_names_the_record_type_and_each_member_says_what_to_do_and_leaves_the_record_as_it_was(string kind)
    {
        var uri = CopyFixture(kind);
        var before = await RecordOf(uri);
        using (var store = StoreFactory.Make(uri, new StoreOptions { DroppedMembers = DroppedMemberHandling.Refuse }))
        {
            var job = store.Load<EvolvedJob>(Second);
            job.Added = 9;
            var refused = Assert.Throws<StoreException>(() => store.Save(job));
            Assert.StartsWith("Did not save 'EvolvedJob.2': its record holds the members ", refused.Message, StringComparison.Ordinal);
            Assert.Contains(Dropped + ", which Gc3.Persistence.TestModel.EvolvedJob lacks", refused.Message, StringComparison.Ordinal);
            Assert.Contains("Nothing was saved: the record keeps them. If a newer version of the application wrote them, upgrade this process", refused.Message, StringComparison.Ordinal);
            Assert.Contains("DroppedMembers = Warn (the default), which writes it without them", refused.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, await RecordOf(uri));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Warn_writes_the_record_without_them_and_the_warning_names_the_record_type_each_member_and_what_to_do(string kind)
    {
        var uri = CopyFixture(kind);
        var before = await RecordOf(uri);
        var log = new CapturingLoggerFactory(LogLevel.Warning);
        using (var store = StoreFactory.Make(uri, new StoreOptions { LoggerFactory = log }))
        {
            var job = store.Load<EvolvedJob>(Second);
            job.Added = 9;
            store.Save(job);
        }

        Assert.NotEqual(before, await RecordOf(uri));
        var warning = Assert.Single(log.Entries);
        Assert.Equal(1009, warning.Event.Id);
        Assert.StartsWith("Saved EvolvedJob.2 without the members ", warning.Message, StringComparison.Ordinal);
        Assert.Contains(Dropped + " its record held, which the record holds no more: it was written with the schema ", warning.Message, StringComparison.Ordinal);
        Assert.Contains("(another version of Gc3.Persistence.TestModel.EvolvedJob)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade this process before it saves such records, or open the stores of the older versions with StoreOptions.DroppedMembers = Refuse", warning.Message, StringComparison.Ordinal);

        // The record is this build's now: loaded and saved again, nothing more to drop, nothing said.
        using (var store = StoreFactory.Make(uri, new StoreOptions { LoggerFactory = log, DroppedMembers = DroppedMemberHandling.Refuse }))
        {
            var job = store.Load<EvolvedJob>(Second);
            Assert.Equal((9, EvolvedColor.Unknown), (job.Added, job.Color));
            job.Added = 10;
            store.Save(job);
        }

        Assert.Single(log.Entries);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    // The fixture's store of the kind, copied: a folder of files, or the SQLite database (its table is 'store').
    private string CopyFixture(string kind)
    {
        if (kind == "sqlite")
        {
            var database = _folder.Combine("store.db");
            File.Copy(EvolvedFixtures.Records("schema-v1", "store.db"), database);
            return "sqlite://" + database;
        }

        return _folder.CopyIn(EvolvedFixtures.Records("schema-v1", "files"), "files");
    }

    private static async Task<byte[]> RecordOf(string uri)
    {
        using var store = StoreFactory.Make(uri);
        return (await ((IRecordStore)store).ReadRawRecordAsync(Second))!.Data.ToArray();
    }
}
