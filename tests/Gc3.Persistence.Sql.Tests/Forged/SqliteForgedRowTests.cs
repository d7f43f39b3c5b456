using Gc3.Persistence.Records;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Sql.Tests.Forged;

/// <summary>
/// Rows an attacker (or a careless hand) writes into an SQLite store, whose columns are loosely typed: a <c>data</c>
/// value that is text, ID columns that hold text or real numbers. Each is a clear error or a row left out with a
/// warning, never a wrong ID, an unbounded read or a listing that never ends.
/// </summary>
public sealed class SqliteForgedRowTests() : SqlTableTests("forged", new SqliteTestDatabase("forged"))
{
    [Fact]
    public async Task A_data_value_that_is_text_is_measured_in_bytes_against_MaxRecordBytes()
    {
        Id id;
        using (var store = Open())
        {
            id = store.Save(new Job { Name = "to be forged" });
        }

        // 600,000 characters of 3 bytes each: length() counts 600,000, under the limit; the value is 1,800,000 bytes.
        const int Characters = 600_000;
        using var small = Open(new StoreOptions { MaxRecordBytes = 1 << 20 });
        Execute($"UPDATE \"{Table}\" SET data = replace(hex(zeroblob({Characters / 2})), '0', '€')");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<LoadException>(() => small.Load(id));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var raw = await small.ReadRawRecordAsync(id);
        var info = await small.ListRecordInfoAsync().SingleAsync();

        Assert.Equal(id, e.Id);
        Assert.Contains($"{3 * Characters} bytes long", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRecordBytes", raw!.Problem, StringComparison.Ordinal);
        Assert.Equal(3 * Characters, info.Length);
        Assert.True(allocated < 1 << 20, $"refusing a value of {3 * Characters} bytes allocated {allocated} bytes");
    }

    [Fact]
    public void A_record_kept_as_text_loads_as_its_bytes()
    {
        using var store = Open();
        var id = store.Save(new Job { Name = "text" });
        Execute($"UPDATE \"{Table}\" SET data = CAST(data AS TEXT)");
        store.InvalidateCache();
        Assert.Equal("text", store.Load<Job>(id).Name);
    }

    [Theory]
    [InlineData("'abc'", "Job.0")]
    [InlineData("1e30", "Job.9223372036854775807")]
    [InlineData("7.5", "Job.7")]
    [InlineData("x'01'", "Job.0")]
    public async Task A_row_whose_number_is_no_integer_is_left_out_of_every_listing_with_a_warning(string forged, string misread)
    {
        var logs = new CapturingLoggerFactory();
        using var store = Open(new StoreOptions { LoggerFactory = logs });
        var ids = store.SaveMany([.. Enumerable.Range(0, 5).Select(i => new Job { Name = "j" + i, State = JobState.Running })]);
        Execute($"UPDATE \"{Table}\" SET seqno = {forged} WHERE seqno = {ids[^1].SeqNo}");
        var kept = ids.Take(4).ToList();

        Assert.Equal(kept, store.List());
        Assert.Equal(kept, store.List<Job>());
        Assert.Equal(kept, store.ListWhere("state", JobState.Running));
        Assert.Equal(kept, await store.ListRecordInfoAsync().Select(r => r.Id).ToListAsync());
        Assert.Equal(kept, await store.ReadRawRecordsAsync().Select(r => r.Id).ToListAsync());
        Assert.DoesNotContain(Id.Parse(misread), store.List());
        Assert.Contains(logs.Entries, w => w.Level == LogLevel.Warning && w.Message.Contains("cannot make an ID", StringComparison.Ordinal));

        // The counter passes the whole numbers only: a new save gets a free ID.
        using var reopened = Open();
        Assert.True(reopened.Save(new Job { Name = "after" }).SeqNo > kept.Max(id => id.SeqNo));
    }

    [Theory]
    [InlineData("'abc'")]
    [InlineData("2.5")]
    [InlineData("x'07'")]
    public async Task A_counter_that_holds_text_or_a_real_number_restarts_after_the_highest_id(string forged)
    {
        var logs = new CapturingLoggerFactory();
        var kept = SaveKeptJobs(3);

        Execute($"UPDATE \"{Table}_ids\" SET next_seqno = {forged}");
        using var reopened = Open(new StoreOptions { LoggerFactory = logs });
        Assert.Equal(kept.Max(k => k.SeqNo) + 1, await reopened.ReadIdCounterAsync()); // what gc3p stats and verify show
        Assert.Equal(kept.Max(k => k.SeqNo) + 1, reopened.Save(new Job { Name = "after" }).SeqNo);
        Assert.Contains(logs.Entries, w => w.Level == LogLevel.Warning && w.Message.Contains("no ID number", StringComparison.Ordinal));
    }

    [Fact]
    public void A_counter_table_made_by_hand_holding_null_restarts_after_the_highest_id()
    {
        var kept = SaveKeptJobs(3);

        Execute($"DROP TABLE \"{Table}_ids\"; CREATE TABLE \"{Table}_ids\" (one INTEGER, next_seqno INTEGER); INSERT INTO \"{Table}_ids\" VALUES (1, NULL)");
        using var reopened = Open();
        Assert.Equal(kept.Max(k => k.SeqNo) + 1, reopened.Save(new Job { Name = "after" }).SeqNo);
    }

    [Fact]
    public void A_table_made_by_hand_with_text_number_columns_still_lists_and_loads()
    {
        // SQLite keeps numbers as text in a column declared TEXT: whole numbers' digits are numbers, anything else is not.
        Execute($"CREATE TABLE \"{Table}\" (prefix TEXT NOT NULL, seqno TEXT NOT NULL, id TEXT NOT NULL, tag TEXT NOT NULL, data BLOB NOT NULL, version TEXT NOT NULL, PRIMARY KEY (prefix, seqno))");
        using var store = Open();
        var ids = store.SaveMany([.. Enumerable.Range(0, 12).Select(i => new Job { Name = "by hand " + i })]);
        Assert.IsType<string>(Scalar($"SELECT seqno FROM \"{Table}\" LIMIT 1"));
        using var reopened = Open();
        Assert.Equal(ids.Order(), reopened.List().Order());
        Assert.Equal("by hand 0", reopened.Load<Job>(ids[0]).Name);

        // The highest ID is found as a number ('12', not '9'): a counter set back moves past every row.
        Execute($"UPDATE \"{Table}_ids\" SET next_seqno = 1");
        using var restored = Open();
        Assert.Throws<ConcurrencyException>(() => restored.Save(new Job { Name = "new" }));
        Assert.Equal(13, restored.Save(new Job { Name = "new" }).SeqNo);
    }

    [Fact]
    public void A_null_forged_into_the_table_of_columns_to_fill_is_ignored()
    {
        using (var store = Open())
        {
            store.Save(new Job { Name = "fill" });
        }

        // SQLite lets a text primary key hold NULL; the store read it as a type tag and failed to open.
        Execute($"CREATE TABLE IF NOT EXISTS \"{Table}_fill\" (tag TEXT PRIMARY KEY); INSERT INTO \"{Table}_fill\" (tag) VALUES (NULL)");
        using var reopened = Open();
        Assert.Empty(reopened.ListWhere("state", JobState.Running));

        // Nor does it stop the tags being marked for a fill: NOT IN a list holding NULL is never true, so none was.
        var id = reopened.List().Single();
        Execute($"UPDATE \"{Table}\" SET state = 'Running' WHERE seqno = {id.SeqNo}");
        reopened.RefillColumns();
        Assert.Empty(reopened.ListWhere("state", JobState.Running));
        Assert.Equal([id], reopened.ListWhere("state", JobState.New));
    }

    [Fact]
    public async Task A_forged_row_at_the_end_of_a_page_does_not_restart_the_listing()
    {
        // The listings read 1,000 rows a page, each page after the key of the last: a text number made that key 0.
        using var store = Open();
        var (ids, last, listed) = await ListAfterForgingAsync(store, jobs: 1000, ids => $"UPDATE \"{Table}\" SET seqno = 'zzz' WHERE seqno = {ids[^1].SeqNo}", atMost: 1001);

        Assert.Equal([.. ids.Take(999).Order(), last], listed.Order());
    }
}
