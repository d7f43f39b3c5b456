namespace Gc3.Persistence.Sql.Tests.Forged;

/// <summary>
/// NULLs in a store table whose columns were made to allow them (by a forger with write access, or a table created by
/// someone else): a load is a <see cref="LoadException"/> naming the record and the column, the raw listings go on and
/// name the row's problem, never an exception of the provider.
/// </summary>
public abstract class ForgedNullRowTests(ITestDatabase database) : SqlTableTests("fnull", database)
{
    [Fact]
    public async Task Nulls_in_a_row_are_load_errors_naming_the_record_and_listings_go_on()
    {
        using var store = Open();
        var ids = store.SaveMany([.. Enumerable.Range(0, 4).Select(i => new Job { Name = "j" + i })]);
        Execute(LoosenTableSql());
        Execute($"UPDATE \"{Table}\" SET version = NULL WHERE seqno = {ids[0].SeqNo}");
        Execute($"UPDATE \"{Table}\" SET data = NULL WHERE seqno = {ids[1].SeqNo}");
        Execute($"UPDATE \"{Table}\" SET tag = NULL WHERE seqno = {ids[2].SeqNo}");
        using var reopened = Open();

        var version = Assert.Throws<LoadException>(() => reopened.Load(ids[0]));
        Assert.Equal(ids[0], version.Id);
        Assert.Contains("version is NULL", version.Message, StringComparison.Ordinal);
        var data = Assert.Throws<LoadException>(() => reopened.Load(ids[1]));
        Assert.Equal(ids[1], data.Id);
        Assert.Contains("data is NULL", data.Message, StringComparison.Ordinal);
        Assert.Equal("j2", reopened.Load<Job>(ids[2]).Name); // the record has its own tag
        Assert.Equal("j3", reopened.Load<Job>(ids[3]).Name);

        var infos = await reopened.ListRecordInfoAsync().ToListAsync();
        Assert.Equal(ids, infos.Select(i => i.Id));
        Assert.Null(infos[2].Tag);
        var raw = await reopened.ReadRawRecordsAsync().ToListAsync();
        Assert.Equal(ids, raw.Select(r => r.Id));
        Assert.Contains("data is NULL", raw[1].Problem, StringComparison.Ordinal);
        Assert.Contains("data is NULL", (await reopened.ReadRawRecordAsync(ids[1]))!.Problem, StringComparison.Ordinal);
        Assert.Null((await reopened.ReadRawRecordAsync(ids[2]))!.Tag);
    }

    /// <summary>Drops the NOT NULL of the table's columns other than its key.</summary>
    protected abstract string LoosenTableSql();
}

/// <summary>The NULLs in SQLite, which also takes text where a number goes.</summary>
public sealed class SqliteForgedNullRowTests() : ForgedNullRowTests(new SqliteTestDatabase("forged-null"))
{
    protected override string LoosenTableSql()
        => $"CREATE TABLE loose (prefix TEXT NOT NULL, seqno INTEGER NOT NULL, id TEXT, tag TEXT, data BLOB, version INTEGER, state TEXT, PRIMARY KEY (prefix, seqno)); " +
           $"INSERT INTO loose SELECT prefix, seqno, id, tag, data, version, state FROM \"{Table}\"; DROP TABLE \"{Table}\"; ALTER TABLE loose RENAME TO \"{Table}\"";

    [Fact]
    public void A_version_that_is_text_is_a_load_error_naming_the_record()
    {
        var (reopened, id) = SaveJobWithForgedVersion("'x'");
        var e = Assert.Throws<LoadException>(() => reopened.Load(id));
        Assert.Equal(id, e.Id);
        Assert.Contains("version is 'x'", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>The NULLs in PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresForgedNullRowTests(PostgresServer server) : ForgedNullRowTests(new PostgresTestDatabase(server))
{
    protected override string LoosenTableSql()
        => $"ALTER TABLE \"{Table}\" ALTER COLUMN version DROP NOT NULL, ALTER COLUMN data DROP NOT NULL, ALTER COLUMN tag DROP NOT NULL, ALTER COLUMN id DROP NOT NULL";
}
