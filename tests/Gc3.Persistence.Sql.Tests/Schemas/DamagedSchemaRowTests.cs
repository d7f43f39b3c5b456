using System.Buffers.Binary;
using System.Text.Json;
using Gc3.Persistence.Records;
using Gc3.Persistence.Schemas;
using Gc3.Persistence.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Sql.Tests.Schemas;

/// <summary>
/// A schema row damaged in the table (its document altered, cut short, or no JSON at all) when a save needs the
/// schema: the save puts the sound document back in its transaction and says so, so that the records it writes
/// name a schema a reader without the types can decode them by.
/// </summary>
public abstract class DamagedSchemaRowTests(ITestDatabase database) : SqlTableTests("dschema", database)
{
    private static PersistableSerializer JobSerializer => PersistableRegistry.TryGet(typeof(Job), out var s) ? s : throw new InvalidOperationException();

    private string SchemaTable => Table + "_schema";

    public static TheoryData<string> Damages => new()
    {
        "replace(document, '\"members\"', '\"membres\"')", // altered: still JSON, another hash
        "substr(document, 1, 40)", // cut short
        "'not a schema'", // no JSON
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public async Task A_save_puts_back_a_damaged_schema_row_and_a_reader_decodes_its_records(string damage)
    {
        var first = Open().Save(new Job { Name = "first" });
        Execute($"UPDATE \"{SchemaTable}\" SET document = {damage} WHERE hash = {unchecked((long)JobSerializer.SchemaHash)}");

        var logs = new CapturingLoggerFactory(LogLevel.Warning);
        var id = Open(new StoreOptions { LoggerFactory = logs }).Save(new Job { Name = "second" }); // a store that does not know the schema yet

        // A reader without the types (what gc3p show and verify do) finds the schema the records name and decodes them by it.
        Assert.Contains("\"Name\":\"second\"", await DecodeAsync(Open(), id), StringComparison.Ordinal);
        Assert.Contains("\"Name\":\"first\"", await DecodeAsync(Open(), first), StringComparison.Ordinal);
        Assert.Equal(JobSerializer.SchemaDocument, Scalar($"SELECT document FROM \"{SchemaTable}\" WHERE hash = {unchecked((long)JobSerializer.SchemaHash)}"));

        var warning = Assert.Single(logs.Entries);
        Assert.Equal(StoreLogEvents.SchemaRepaired, warning.Event);
        Assert.Contains(StoredSchema.HashTextOf(JobSerializer.SchemaHash), warning.Message, StringComparison.Ordinal);
        Assert.Contains(SchemaTable, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_save_that_fails_leaves_the_row_as_it_was_and_says_nothing_of_it()
    {
        var writer = Open();
        var first = new Job { Name = "first" };
        var id = writer.Save(first);
        Execute($"UPDATE \"{SchemaTable}\" SET document = 'not a schema' WHERE hash = {unchecked((long)JobSerializer.SchemaHash)}");

        var logs = new CapturingLoggerFactory(LogLevel.Warning);
        var stale = Open(new StoreOptions { LoggerFactory = logs });
        var job = stale.Load<Job>(id);
        first.Name = "changed";
        writer.Save(first); // a store that kept the schema itself: it does not look again

        // The save is refused in its transaction: the repair with it, and no warning claims it.
        job.Name = "stale";
        Assert.Throws<ConcurrencyException>(() => stale.Save(job));
        Assert.Equal("not a schema", Scalar($"SELECT document FROM \"{SchemaTable}\" WHERE hash = {unchecked((long)JobSerializer.SchemaHash)}"));
        Assert.Empty(logs.Entries);

        // The next save of the type by that store puts it back.
        stale.Save(new Job { Name = "next" });
        Assert.Equal(JobSerializer.SchemaDocument, Scalar($"SELECT document FROM \"{SchemaTable}\" WHERE hash = {unchecked((long)JobSerializer.SchemaHash)}"));
        Assert.Equal(StoreLogEvents.SchemaRepaired, Assert.Single(logs.Entries).Event);
    }

    public override void Dispose()
    {
        base.Dispose();
        SqliteConnection.ClearAllPools();
    }

    // The record as JSON, decoded by the schema it names as the store keeps it.
    private static async Task<string> DecodeAsync(SqlStore reader, Id id)
    {
        var record = (await ((IRecordStore)reader).ReadRawRecordAsync(id))!.Data.ToArray();
        var hash = BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(5));
        var schemas = await ((ISchemaStore)reader).ReadSchemasAsync();
        var schema = Assert.Single(schemas, s => s.Hash == hash);
        using var output = new MemoryStream();
        using (var json = new Utf8JsonWriter(output))
        {
            RecordJson.WriteRecord(json, SchemaDocument.Parse(schema.Document), record);
        }

        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }
}

/// <summary>A damaged schema row in SQLite.</summary>
public sealed class SqliteDamagedSchemaRowTests() : DamagedSchemaRowTests(new SqliteTestDatabase("damaged-schema"))
{
}

/// <summary>A damaged schema row in PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDamagedSchemaRowTests(PostgresServer server) : DamagedSchemaRowTests(new PostgresTestDatabase(server))
{
}
