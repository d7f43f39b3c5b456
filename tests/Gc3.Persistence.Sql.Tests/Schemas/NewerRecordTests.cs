using System.Buffers.Binary;
using Gc3.Persistence.Records;
using Gc3.Persistence.Schemas;
using Gc3.Persistence.Sql;
using Gc3.Persistence.Telemetry;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Sql.Tests.Schemas;

/// <summary>
/// An older version of an application opening a record a newer version wrote (one machine upgraded before
/// another): the newer <see cref="Job"/> has a member, <c>Budget</c>, the test model's does not. The record is
/// planted as the newer version writes it: its schema (the test model's with the member added) kept in the
/// store, and the record naming that schema and holding the member's value.
/// </summary>
public sealed class NewerRecordTests : IDisposable
{
    private const uint BudgetKey = 4242;
    private static readonly byte[] Budget = [0x39, 0x05, 0, 0]; // 1337, an int32
    private readonly TemporaryDirectory _folder = new("newer-record");

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task An_older_class_saving_a_newer_record_warns_naming_the_members_it_drops(string kind)
    {
        var (uri, id) = await PlantNewerJob(kind);
        var log = new CapturingLoggerFactory(LogLevel.Warning);
        using var recorder = new TelemetryRecorder(kind == "file" ? "files" : SqlNames.DefaultTable);
        using (var store = StoreFactory.Make(uri, new StoreOptions { LoggerFactory = log }))
        {
            var job = store.Load<Job>(id);
            Assert.Equal(("planted", 4), (job.Name, job.Cores)); // the members both versions have load
            Assert.Empty(log.Entries);

            job.Cores = 8;
            store.Save(job);
        }

        // Counted too, for an alert on a metric rather than a read of the logs.
        Assert.Equal(1, recorder.Sum(PersistenceTelemetry.MembersDroppedInstrument));

        // The older class cannot write what it does not know: the record is its own now, without Budget.
        Assert.False(await HoldsBudget(uri, id));
        var warning = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(1009, warning.Event.Id); // the event ID docs/telemetry.md and changing-your-classes.md give
        Assert.Contains($"Saved {id} without the members 'Budget' its record held, which the record holds no more", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Gc3.Persistence.TestModel.Job has no such members", warning.Message, StringComparison.Ordinal);

        // What to do: upgrade the older process, or make the older versions refuse such saves.
        Assert.Contains("If a newer version of the application wrote them, their values are lost: upgrade this process before it saves such records", warning.Message, StringComparison.Ordinal);
        Assert.Contains("StoreOptions.DroppedMembers = Refuse", warning.Message, StringComparison.Ordinal);

        // Saved again, the record holds nothing more to drop: no second warning.
        using (var store = StoreFactory.Make(uri, new StoreOptions { LoggerFactory = log }))
        {
            var job = store.Load<Job>(id);
            job.Cores = 16;
            store.Save(job);
        }

        Assert.Single(log.Entries);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task An_older_class_leaves_a_newer_record_a_save_only_reaches_as_it_is(string kind)
    {
        var (uri, id) = await PlantNewerJob(kind);
        var log = new CapturingLoggerFactory(LogLevel.Warning);
        using (var store = StoreFactory.Make(uri, new StoreOptions { LoggerFactory = log }))
        {
            var job = store.Load<Job>(id);
            store.Save(new JobCollection { Name = "reaches it", Jobs = [job] }); // Job is not fully tracked: encoded, compared
        }

        Assert.True(await HoldsBudget(uri, id)); // nothing of it changed: not written, so nothing dropped
        Assert.Empty(log.Entries);

        // Changed through a member no setter tracks, it is written, and the drop is said.
        using (var store = StoreFactory.Make(uri, new StoreOptions { LoggerFactory = log }))
        {
            var job = store.Load<Job>(id);
            job.Arguments.Add("--more");
            store.Save(new JobCollection { Name = "changes it", Jobs = [job] });
        }

        Assert.False(await HoldsBudget(uri, id));
        Assert.Contains("'Budget'", Assert.Single(log.Entries).Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task With_DroppedMembers_Refuse_an_older_class_refuses_to_write_a_newer_record_and_keeps_it_whole(string kind)
    {
        var (uri, id) = await PlantNewerJob(kind);
        var refusing = new StoreOptions { DroppedMembers = DroppedMemberHandling.Refuse };
        using (var store = StoreFactory.Make(uri, refusing))
        {
            // A save that only reaches it, unchanged, does not write it: not refused.
            var job = store.Load<Job>(id);
            store.Save(new JobCollection { Name = "reaches it", Jobs = [job] });

            job.Cores = 8;
            var refused = Assert.Throws<StoreException>(() => store.Save(job));
            Assert.Contains($"Did not save '{id}': its record holds the members 'Budget', which Gc3.Persistence.TestModel.Job lacks", refused.Message, StringComparison.Ordinal);
            Assert.Contains("StoreOptions.DroppedMembers is Refuse. Nothing was saved: the record keeps them", refused.Message, StringComparison.Ordinal);
            Assert.Contains("upgrade this process to that version before it saves such records", refused.Message, StringComparison.Ordinal);
            Assert.Contains("save it through a store opened with DroppedMembers = Warn (the default)", refused.Message, StringComparison.Ordinal);

            // Nor through a collection that reaches it changed, nor in a transaction.
            Assert.Throws<StoreException>(() => store.Save(new JobCollection { Name = "changes it", Jobs = [job] }));
            if (kind == "sqlite")
            {
                using var transaction = store.BeginTransaction();
                transaction.Save(job);
                Assert.Throws<StoreException>(transaction.Commit);
            }
        }

        Assert.True(await HoldsBudget(uri, id));
        Assert.Equal(4, await CoresOf(uri, id));

        // The default writes it, as the older class has it.
        using (var store = StoreFactory.Make(uri))
        {
            var job = store.Load<Job>(id);
            job.Cores = 8;
            store.Save(job);
        }

        Assert.False(await HoldsBudget(uri, id));
        Assert.Equal(8, await CoresOf(uri, id));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_store_saving_what_another_store_of_the_place_loaded_refuses_or_warns_as_well(string kind)
    {
        // A store per unit of work: loaded through one store, saved through the next.
        var (uri, id) = await PlantNewerJob(kind);
        Job job;
        using (var store = StoreFactory.Make(uri))
        {
            job = store.Load<Job>(id);
        }

        job.Cores = 8;
        using (var store = StoreFactory.Make(uri, new StoreOptions { DroppedMembers = DroppedMemberHandling.Refuse }))
        {
            Assert.Contains("'Budget'", Assert.Throws<StoreException>(() => store.Save(job)).Message, StringComparison.Ordinal);
        }

        Assert.True(await HoldsBudget(uri, id));

        var log = new CapturingLoggerFactory(LogLevel.Warning);
        using (var store = StoreFactory.Make(uri, new StoreOptions { LoggerFactory = log }))
        {
            store.Save(job);
        }

        Assert.False(await HoldsBudget(uri, id));
        Assert.Contains($"Saved {id} without the members 'Budget'", Assert.Single(log.Entries).Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task A_record_loaded_through_a_link_to_its_place_and_saved_by_its_path_is_dropped_once(string kind)
    {
        // The same folder by two paths: through a symbolic link, and as it is.
        var (uri, id) = await PlantNewerJob(kind);
        Directory.CreateSymbolicLink(_folder.Combine("via"), _folder.Path);
        var linked = StoreKinds.UriOf(kind, _folder.Combine("via"));
        Job job;
        using (var store = StoreFactory.Make(linked))
        {
            job = store.Load<Job>(id);
        }

        var log = new CapturingLoggerFactory(LogLevel.Warning);
        job.Cores = 8;
        using (var store = StoreFactory.Make(uri, new StoreOptions { LoggerFactory = log }))
        {
            store.Save(job); // one place: not refused as another store's object
        }

        Assert.False(await HoldsBudget(uri, id));
        Assert.Contains($"Saved {id} without the members 'Budget'", Assert.Single(log.Entries).Message, StringComparison.Ordinal);

        // The record it was loaded from is the one written, which holds Budget no more: saved again, by either path,
        // the object is neither warned of again nor refused.
        job.Cores = 16;
        using (var store = StoreFactory.Make(linked, new StoreOptions { LoggerFactory = log, DroppedMembers = DroppedMemberHandling.Refuse }))
        {
            store.Save(job);
        }

        Assert.Single(log.Entries);
        Assert.Equal(16, await CoresOf(uri, id));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Import_into_another_store_refuses_or_warns_and_the_loaded_record_still_says_it(string kind)
    {
        var (uri, id) = await PlantNewerJob(kind);
        using var source = StoreFactory.Make(uri);
        var job = source.Load<Job>(id);

        using (var refusing = StoreFactory.Make(_folder.Combine("refusing"), new StoreOptions { DroppedMembers = DroppedMemberHandling.Refuse }))
        {
            Assert.Contains("'Budget'", Assert.Throws<StoreException>(() => refusing.Import(job)).Message, StringComparison.Ordinal);
            Assert.Empty(refusing.List<Job>());
        }

        var log = new CapturingLoggerFactory(LogLevel.Warning);
        using (var copy = StoreFactory.Make(_folder.Combine("copy"), new StoreOptions { LoggerFactory = log }))
        {
            copy.Import(job);
        }

        Assert.Contains($"Saved {id} without the members 'Budget'", Assert.Single(log.Entries).Message, StringComparison.Ordinal);

        // The copy did not change the record it was loaded from, which still holds Budget: saving there drops it, and says so.
        Assert.True(await HoldsBudget(uri, id));
        using (var again = StoreFactory.Make(uri, new StoreOptions { DroppedMembers = DroppedMemberHandling.Refuse }))
        {
            job.Cores = 8;
            Assert.Throws<StoreException>(() => again.Save(job));
        }

        Assert.True(await HoldsBudget(uri, id));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    // Saves a Job in the store of the kind, then plants, as Job.100, its record as the newer version writes it: a schema
    // with Budget, and Budget's value. Gives the store's URI and the planted ID.
    private async Task<(string Uri, Id Id)> PlantNewerJob(string kind)
    {
        var uri = StoreKinds.UriOf(kind, _folder.Path);
        using var store = StoreFactory.Make(uri);
        var saved = store.Save(new Job { Name = "planted", Cores = 4, Arguments = ["run"] });
        var record = (await ((IRecordStore)store).ReadRawRecordAsync(saved))!.Data.ToArray();
        var hash = BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(5));
        var schema = (await ((ISchemaStore)store).ReadSchemasAsync()).Single(s => s.Hash == hash);
        var document = schema.Document.Replace("\"members\":[", $"\"members\":[{{\"name\":\"Budget\",\"key\":{BudgetKey},\"shape\":\"int32\"}},", StringComparison.Ordinal);
        Assert.NotEqual(schema.Document, document);
        var newer = new StoredSchema(StoredSchema.HashOf(document), schema.Tag, document);
        await ((ISchemaStore)store).WriteSchemasAsync([newer]);
        var id = new Id(saved.Prefix, 100);
        await ((IRecordStore)store).WriteRawRecordsAsync([new RawRecord(id, schema.Tag, WithBudget(record, newer.Hash, id.SeqNo))]);
        return (uri, id);
    }

    private static async Task<int> CoresOf(string uri, Id id)
    {
        using var store = StoreFactory.Make(uri);
        return (await store.LoadAsync<Job>(id)).Cores;
    }

    private static async Task<bool> HoldsBudget(string uri, Id id)
    {
        using var store = StoreFactory.Make(uri);
        var record = (await ((IRecordStore)store).ReadRawRecordAsync(id))!.Data.ToArray();
        var body = Body(record);
        var count = BinaryPrimitives.ReadInt32LittleEndian(body);
        for (int i = 0, at = 4; i < count; i++)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(body[at..]) == BudgetKey)
            {
                return true;
            }

            at += 8 + BinaryPrimitives.ReadInt32LittleEndian(body[(at + 4)..]);
        }

        return false;
    }

    private static ReadOnlySpan<byte> Body(byte[] record)
    {
        var at = BodyLengthOffset(record);
        return record.AsSpan(at + 4, BinaryPrimitives.ReadInt32LittleEndian(record.AsSpan(at)));
    }

    private static int BodyLengthOffset(byte[] record)
        => 25 + BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(13)) + BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(15));

    // The record (format version 2) under another ID number, naming another schema, with Budget as its first member.
    private static byte[] WithBudget(byte[] record, ulong hash, long seqNo)
    {
        var at = BodyLengthOffset(record);
        var body = Body(record);
        var added = 8 + Budget.Length;
        var result = new byte[record.Length + added];
        record.AsSpan(0, at).CopyTo(result);
        BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(5), hash);
        BinaryPrimitives.WriteInt64LittleEndian(result.AsSpan(17), seqNo);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(at), body.Length + added);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(at + 4), BinaryPrimitives.ReadInt32LittleEndian(body) + 1);
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(at + 8), BudgetKey);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(at + 12), Budget.Length);
        Budget.CopyTo(result.AsSpan(at + 16));
        body[4..].CopyTo(result.AsSpan(at + 16 + Budget.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(result.Length - 4), Crc32C(result.AsSpan(0, result.Length - 4)));
        return result;
    }

    // CRC-32C (Castagnoli, reflected 0x82F63B78), as every record ends with; bit by bit, for a few records.
    private static uint Crc32C(ReadOnlySpan<byte> bytes)
    {
        var crc = uint.MaxValue;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }

        return ~crc;
    }
}
