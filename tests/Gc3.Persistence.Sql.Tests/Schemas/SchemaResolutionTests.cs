using Gc3.Persistence.Tests.Schemas;
using Microsoft.Data.Sqlite;

namespace Gc3.Persistence.Sql.Tests.Schemas;

/// <summary>
/// The rows of the version 1 fixture database (<c>Records/schema-v1/store.db</c>, written with stored schemas
/// by <c>tests/Gc3.Persistence.SchemaFixtures.V1</c>) copied as they are into a store's table and schema table,
/// then loaded with the version 2 types: resolution on every SQL store (issue 15 §3).
/// </summary>
public abstract class SchemaResolutionTests(ITestDatabase database) : SqlTableTests("t", database)
{
    /// <summary>The fixture database, as version 1 wrote it.</summary>
    protected static readonly string FixtureDatabase = EvolvedFixtures.Records("schema-v1", "store.db");

    [Fact]
    public void Version_1_rows_copied_in_load_into_version_2_by_the_resolution_rules()
    {
        CopyFixtureRows();
        using var store = StoreFactory.Make(UriFor(Table));

        AssertLoads(store);
    }

    /// <summary>What the fixture's records load as, or fail with, in any store (the file store's tests ask the same).</summary>
    protected static void AssertLoads(IStore store)
    {
        var first = store.Load<EvolvedJob>(Id.Parse("EvolvedJob.1"));
        EvolvedFixtures.AssertFirst(first);
        EvolvedFixtures.AssertSecond(first.Next!);
        EvolvedFixtures.AssertUnresolvable(store);
    }

    // The store's tables made by the store itself, then the fixture's records and schemas copied in as bytes.
    private void CopyFixtureRows()
    {
        using (var store = StoreFactory.Make(UriFor(Table)))
        {
            store.Save(new Executable { Path = "/bin/true", Version = "1", Checksum = "c" }); // creates the record and schema tables
        }

        using var fixture = SqliteFile.Open(FixtureDatabase, readOnly: true);
        using var target = OpenRawConnection();
        Copy(fixture, "SELECT prefix, seqno, id, tag, data, version FROM store", target, $"INSERT INTO \"{Table}\" (prefix, seqno, id, tag, data, version) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)");
        Copy(fixture, "SELECT hash, tag, document FROM store_schema", target, $"INSERT INTO \"{Table}_schema\" (hash, tag, document) VALUES (@p0, @p1, @p2)");
    }

    private static void Copy(SqliteConnection source, string select, DbConnection target, string insert)
    {
        using var query = source.CreateCommand();
        query.CommandText = select;
        using var rows = query.ExecuteReader();
        while (rows.Read())
        {
            using var command = target.CreateCommand();
            command.CommandText = insert;
            for (var i = 0; i < rows.FieldCount; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i;
                parameter.Value = rows.GetValue(i);
                command.Parameters.Add(parameter);
            }

            Assert.Equal(1, command.ExecuteNonQuery());
        }
    }
}
