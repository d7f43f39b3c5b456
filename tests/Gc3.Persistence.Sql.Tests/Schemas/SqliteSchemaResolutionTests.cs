using Gc3.Persistence.Sqlite;
using Gc3.Persistence.Tests.Schemas;
using Microsoft.Data.Sqlite;

namespace Gc3.Persistence.Sql.Tests.Schemas;

/// <summary>Resolution on SQLite: the fixture database opened as version 1 wrote it, and its rows copied into another table.</summary>
public sealed class SqliteSchemaResolutionTests() : SchemaResolutionTests(new SqliteTestDatabase("sql-schema"))
{
    private string DatabasePath => ((SqliteTestDatabase)Database).Path;

    [Fact]
    public void The_version_1_database_loads_as_written()
    {
        File.Copy(FixtureDatabase, DatabasePath);
        using var store = new SqliteStore(DatabasePath);

        AssertLoads(store);
    }

    [Fact]
    public void An_enum_renumbered_inside_an_unmanaged_struct_fails_and_one_appended_to_loads()
    {
        // Written by tests/Gc3.Persistence.SchemaFixtures.V1 ... opaque; the file store's test says the same.
        File.Copy(EvolvedFixtures.Records("schema-v1-opaque", "store.db"), DatabasePath);
        using var store = new SqliteStore(DatabasePath);

        EvolvedFixtures.AssertOpaque(store);
    }

    public override void Dispose()
    {
        base.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
