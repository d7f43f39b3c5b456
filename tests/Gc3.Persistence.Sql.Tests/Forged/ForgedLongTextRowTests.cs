using Gc3.Persistence.Records;
using Gc3.Persistence.Sql.Tests.Model;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Sql.Tests.Forged;

/// <summary>
/// A row forged with a huge <c>tag</c> or <c>state</c> (tens of megabytes, where the library writes a type tag of at most
/// 1,024 bytes and a short state): the listings never fetch the value, so one such row costs no listing more than a few
/// kilobytes. The raw listings give the row with its problem; a record listing gives it without the value, with a warning.
/// </summary>
public abstract class ForgedLongTextRowTests(ITestDatabase database) : SqlTableTests("flong", database)
{
    /// <summary>The length of a forged value: 64 MiB, a string of 128 MiB once read.</summary>
    protected const int Huge = 64 << 20;

    /// <summary>What a listing may allocate around one such row: far less than the value.</summary>
    protected const long Bounded = 4 << 20;

    [Theory]
    [InlineData("tag")]
    [InlineData("state")]
    public async Task A_huge_tag_or_state_is_never_read_whole(string column)
    {
        var logs = new CapturingLoggerFactory();
        using var store = Open(new StoreOptions { LoggerFactory = logs });
        var ids = store.SaveMany([.. Enumerable.Range(0, 3).Select(i => new Job { Name = "j" + i, State = JobState.Running })]);
        Execute(DropIndexSql(column));
        Execute($"UPDATE \"{Table}\" SET \"{column}\" = {TextOfLength(Huge)} WHERE seqno = {ids[1].SeqNo}");

        Assert.Equal(ids, Bound(() => store.List()));
        Assert.Equal([ids[0], ids[2]], Bound(() => store.List<Job>()).Where(id => id != ids[1]));
        Assert.Equal(column == "state" ? [ids[0], ids[2]] : ids, Bound(() => store.ListWhere("state", JobState.Running)));

        var infos = await BoundAsync(() => store.ListRecordInfoAsync().ToListAsync().AsTask());
        Assert.Equal(ids, infos.Select(i => i.Id));
        Assert.Null(column == "tag" ? infos[1].Tag : infos[1].State);
        Assert.Equal(infos[0].Length, infos[1].Length);
        Assert.Contains(logs.Entries, w => w.Level == LogLevel.Warning && w.Message.Contains($"{column} is {Huge} bytes long", StringComparison.Ordinal));

        var raw = await BoundAsync(() => store.ReadRawRecordsAsync().ToListAsync().AsTask());
        Assert.Equal(ids, raw.Select(r => r.Id));
        Assert.Null(raw[0].Problem);
        Assert.Contains($"{column} is {Huge} bytes long", raw[1].Problem, StringComparison.Ordinal);
        var one = await BoundAsync(() => store.ReadRawRecordAsync(ids[1]));
        Assert.Contains($"{column} is {Huge} bytes long", one!.Problem, StringComparison.Ordinal);
        Assert.Equal("j1", store.Load<Job>(ids[1]).Name); // the record has its own tag
    }

    [Fact]
    public async Task A_state_longer_than_the_store_reads_is_saved_as_null_with_a_warning()
    {
        // What a save writes, the listings read back: a state over the limit (no enum name is) leaves the column NULL,
        // as a value a column cannot hold does; one at the limit is kept.
        var logs = new CapturingLoggerFactory();
        using var store = Open(new StoreOptions { LoggerFactory = logs });
        var kept = store.Save(new Status { Text = new string('s', 64 << 10) });
        var tooLong = store.Save(new Status { Text = new string('s', (64 << 10) - 1) + "€" });

        Assert.Equal([tooLong], store.ListWhere("state", null));
        Assert.Equal(new string('s', (64 << 10) - 1) + "€", store.Load<Status>(tooLong).Text); // the record keeps it
        Assert.Contains(logs.Entries, w => w.Level == LogLevel.Warning && w.Exception?.Message.Contains("65538 bytes", StringComparison.Ordinal) == true);
        var raw = await store.ReadRawRecordsAsync().ToListAsync();
        Assert.All(raw, r => Assert.Null(r.Problem));
        Assert.Equal(64 << 10, raw.Single(r => r.Id == kept).State!.Length);
    }

    [Fact]
    public async Task A_schema_row_of_a_huge_tag_is_left_out_without_reading_it()
    {
        var logs = new CapturingLoggerFactory();
        using var store = Open(new StoreOptions { LoggerFactory = logs });
        store.Save(new Job { Name = "names its schema" });
        Execute($"INSERT INTO \"{Table}_schema\" (hash, tag, document) VALUES (9, {TextOfLength(Huge)}, '{{}}')");

        var schemas = await BoundAsync(() => store.ReadSchemasAsync());
        Assert.Single(schemas);
        Assert.Contains(logs.Entries, w => w.Level == LogLevel.Warning && w.Message.Contains($"tag is {Huge} bytes long", StringComparison.Ordinal));
    }

    /// <summary>Drops the index that holds <paramref name="column"/>, if the database's indexes refuse a huge value.</summary>
    protected abstract string DropIndexSql(string column);

    /// <summary>A text of <paramref name="length"/> ASCII characters, computed by the database.</summary>
    protected abstract string TextOfLength(int length);

    /// <summary>Runs <paramref name="listing"/>, checking that it allocated far less than a forged value.</summary>
    protected static T Bound<T>(Func<T> listing)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = listing();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < Bounded, $"the listing allocated {allocated} bytes");
        return result;
    }

    /// <summary>Runs an asynchronous listing, checking that it allocated far less than a forged value (on every thread).</summary>
    protected static async Task<T> BoundAsync<T>(Func<Task<T>> listing)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await listing();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(allocated < Huge, $"the listing allocated {allocated} bytes"); // other tests allocate meanwhile: only the value itself is excluded
        return result;
    }
}

/// <summary>The huge values in SQLite, which also takes them in its key: a prefix or a number of 64 MiB.</summary>
public sealed class SqliteForgedLongTextRowTests() : ForgedLongTextRowTests(new SqliteTestDatabase("forged-long"))
{
    [Theory]
    [InlineData("prefix", "'Job' || ", 3)]
    [InlineData("seqno", "", 0)]
    public void A_huge_key_is_skipped_with_a_warning_without_reading_it(string column, string start, int added)
    {
        var logs = new CapturingLoggerFactory();
        using var store = Open(new StoreOptions { LoggerFactory = logs });
        var ids = store.SaveMany([.. Enumerable.Range(0, 3).Select(i => new Job { Name = "j" + i, State = JobState.Running })]);
        Execute($"UPDATE \"{Table}\" SET \"{column}\" = {start}{TextOfLength(Huge)} WHERE seqno = {ids[1].SeqNo}");
        Id[] kept = [ids[0], ids[2]];

        Assert.Equal(kept, Bound(() => store.List()));
        Assert.Equal(kept, Bound(() => store.List<Job>()));
        Assert.Equal(kept, Bound(() => store.ListWhere("state", JobState.Running)));
        Assert.Equal(kept, Bound(() => store.ListRecordInfoAsync().ToBlockingEnumerable().Select(i => i.Id).ToList()));
        Assert.Equal(kept, Bound(() => store.ReadRawRecordsAsync().ToBlockingEnumerable().Select(r => r.Id).ToList()));
        Assert.Contains(logs.Entries, w => w.Level == LogLevel.Warning && w.Message.Contains("cannot make an ID", StringComparison.Ordinal)
            && w.Message.Contains($"{Huge + added} bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void A_huge_text_version_is_a_load_error_giving_its_length()
    {
        var (reopened, id) = SaveJobWithForgedVersion(TextOfLength(Huge));

        var e = Bound(() => Assert.Throws<LoadException>(() => reopened.Load(id)));
        Assert.Equal(id, e.Id);
        Assert.Contains($"version is a value of {Huge} bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Huge_keys_ending_a_page_do_not_stop_or_restart_the_listing()
    {
        // The raw listings read 1,000 rows a page, each after the key of the last: a key the listing does not read
        // cannot be that key, so the next page skips the rows of such keys after the last key it read.
        using var store = Open();
        var (ids, last, listed) = await ListAfterForgingAsync(
            store,
            jobs: 1002,
            ids => $"UPDATE \"{Table}\" SET prefix = 'Job' || {TextOfLength(Huge / 16)} || seqno WHERE seqno >= {ids[^3].SeqNo} AND prefix = 'Job'",
            atMost: 1000);

        Assert.Equal([.. ids.Take(999).Order(), last], listed);
        Assert.Equal(listed, await store.ReadRawRecordsAsync().Select(r => r.Id).ToListAsync());
    }

    [Fact]
    public void A_huge_tag_forged_into_the_table_of_columns_to_fill_is_ignored_without_reading_it()
    {
        using (var store = Open())
        {
            store.Save(new Job { Name = "fill", State = JobState.Running });
        }

        Execute($"CREATE TABLE IF NOT EXISTS \"{Table}_fill\" (tag TEXT PRIMARY KEY); INSERT INTO \"{Table}_fill\" (tag) VALUES ({TextOfLength(Huge)})");
        using var reopened = Open();
        Assert.Single(Bound(() => reopened.ListWhere("state", JobState.Running)));
    }

    [Fact]
    public void A_huge_text_counter_restarts_after_the_highest_id_without_reading_it()
    {
        var kept = SaveKeptJobs(3);

        Execute($"UPDATE \"{Table}_ids\" SET next_seqno = {TextOfLength(Huge)}");
        var logs = new CapturingLoggerFactory();
        using var reopened = Open(new StoreOptions { LoggerFactory = logs });

        Assert.Equal(kept.Max(k => k.SeqNo) + 1, Bound(() => reopened.Save(new Job { Name = "after" })).SeqNo);
        Assert.Contains(logs.Entries, w => w.Level == LogLevel.Warning && w.Message.Contains($"holds a value of {Huge} bytes, which is no ID number", StringComparison.Ordinal));
    }

    protected override string DropIndexSql(string column) => "SELECT 1";

    // Letters: digits would be taken as a number in the INTEGER column of the number.
    protected override string TextOfLength(int length) => $"replace(hex(zeroblob({length / 2})), '0', 'x')";
}

/// <summary>
/// The huge values in PostgreSQL, whose indexes refuse a value over about 2,700 bytes (compressed): the forger drops the
/// index of the column first. (The key is in the primary key's index, which a store table cannot lose.)
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresForgedLongTextRowTests(PostgresServer server) : ForgedLongTextRowTests(new PostgresTestDatabase(server))
{
    protected override string DropIndexSql(string column) => $"DROP INDEX \"{Table}_{column}_idx\"";

    protected override string TextOfLength(int length) => $"repeat('x', {length})";
}
