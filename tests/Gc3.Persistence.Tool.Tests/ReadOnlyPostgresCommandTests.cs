using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tool.Tests;

/// <summary>
/// gc3p's reading commands on a PostgreSQL store an older version wrote: every row, table and column of the store is as it was after each (the
/// store gc3p opens is read-only in the server too: see ReadOnlySqlStoreTests in tests/Gc3.Persistence.Sql.Tests).
/// </summary>
public sealed class ReadOnlyPostgresCommandTests(PostgresServer server) : TemporaryDirectoryTests("gc3p-read-only-pg"), IClassFixture<PostgresServer>
{
    [Fact]
    public void Reading_commands_change_no_row_and_no_table_of_a_postgres_store()
    {
        var table = $"gc3p_ro_{Guid.NewGuid():N}";
        var uri = $"{server.Uri}#table={table}";
        string id;
        using (var writer = new Postgres.PostgresStore(server.ConnectionString, new Sql.SqlStoreOptions { TableName = table }))
        {
            id = writer.Save(new Job { Name = "kept", State = JobState.Running }).ToString();
        }

        try
        {
            // As an older version left it: without the state column and the fill table, which an application's open adds.
            using (var connection = server.OpenConnection())
            {
                SqlLines.Of(connection, $"ALTER TABLE \"{table}\" DROP COLUMN state; DROP TABLE \"{table}_fill\"; SELECT 'done'");
            }

            var before = Contents(table);
            foreach (var arguments in new[] { ["ls", uri], ["show", uri, id], ["dump", uri], ["stats", uri], ["schema", uri], ["verify", uri], new[] { "copy", uri, Folder.Combine("copy") } })
            {
                Processes.Gc3p(arguments).EnsureSuccess();
                Assert.Equal(before, Contents(table));
            }
        }
        finally
        {
            server.DropStore(table);
        }
    }

    // The store's tables with their columns, and the rows of each, as text.
    private List<string> Contents(string table)
    {
        using var connection = server.OpenConnection();
        var contents = SqlLines.Of(connection, $"SELECT table_name::text || '.' || column_name::text FROM information_schema.columns WHERE table_schema = current_schema() AND table_name LIKE '{table}%' ORDER BY 1");
        foreach (var name in contents.Select(column => column.Split('.')[0]).Distinct().ToList())
        {
            contents.AddRange(SqlLines.Of(connection, $"SELECT t::text FROM \"{name}\" t ORDER BY 1"));
        }

        return contents;
    }
}
