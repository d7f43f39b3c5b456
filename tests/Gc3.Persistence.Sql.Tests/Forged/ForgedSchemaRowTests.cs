using Gc3.Persistence.Schemas;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Sql.Tests.Forged;

/// <summary>
/// Rows forged into a SQL store's schema table (<c>NAME_schema</c>), whose columns a forger with write access can
/// loosen: a NULL tag or document, a document far larger than any schema. Each is a damaged schema, left out of
/// <see cref="ISchemaStore.ReadSchemasAsync"/> with a warning, never an exception of the provider or a read of the whole value.
/// </summary>
public abstract class ForgedSchemaRowTests(ITestDatabase database) : SqlTableTests("fschema", database)
{
    private string SchemaTable => Table + "_schema";

    [Fact]
    public async Task A_schema_row_holding_null_is_left_out_with_a_warning()
    {
        var logs = new CapturingLoggerFactory();
        using var store = Open(new StoreOptions { LoggerFactory = logs });
        store.Save(new Job { Name = "names its schema" });
        Execute(LoosenSchemaTableSql());
        Execute($"INSERT INTO \"{SchemaTable}\" (hash, tag, document) VALUES (5, NULL, '{{}}'), (6, 'test.job', NULL)");

        var schemas = await store.ReadSchemasAsync();
        Assert.Single(schemas);
        Assert.Equal(2, logs.Entries.Count(w => w.Level == LogLevel.Warning && w.Message.Contains("NULL", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_schema_row_of_a_huge_document_is_left_out_without_reading_it()
    {
        var logs = new CapturingLoggerFactory();
        using var store = Open(new StoreOptions { LoggerFactory = logs });
        store.Save(new Job { Name = "names its schema" });
        const int Huge = 20 << 20;
        Execute($"INSERT INTO \"{SchemaTable}\" (hash, tag, document) VALUES (7, 'test.job', {TextOfLength(Huge)})");

        // The warning gives the length the database answered: the query selects the document only within the limit.
        var schemas = await store.ReadSchemasAsync();
        Assert.Single(schemas);
        Assert.Contains(logs.Entries, w => w.Level == LogLevel.Warning && w.Message.Contains($"{Huge} bytes long", StringComparison.Ordinal));
    }

    /// <summary>Drops the NOT NULL of the schema table's tag and document.</summary>
    protected abstract string LoosenSchemaTableSql();

    /// <summary>A text of <paramref name="length"/> ASCII characters, computed by the database.</summary>
    protected abstract string TextOfLength(int length);
}

/// <summary>The forged schema rows in SQLite.</summary>
public sealed class SqliteForgedSchemaRowTests() : ForgedSchemaRowTests(new SqliteTestDatabase("forged-schema"))
{
    protected override string LoosenSchemaTableSql()
        => $"CREATE TABLE loose (hash INTEGER PRIMARY KEY, tag TEXT, document TEXT); INSERT INTO loose SELECT * FROM \"{Table}_schema\"; " +
           $"DROP TABLE \"{Table}_schema\"; ALTER TABLE loose RENAME TO \"{Table}_schema\"";

    protected override string TextOfLength(int length) => $"hex(zeroblob({length / 2}))";
}

/// <summary>The forged schema rows in PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresForgedSchemaRowTests(PostgresServer server) : ForgedSchemaRowTests(new PostgresTestDatabase(server))
{
    protected override string LoosenSchemaTableSql()
        => $"ALTER TABLE \"{Table}_schema\" ALTER COLUMN tag DROP NOT NULL, ALTER COLUMN document DROP NOT NULL";

    protected override string TextOfLength(int length) => $"repeat('x', {length})";
}
