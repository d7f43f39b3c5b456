using Gc3.Persistence.Sql;
using Npgsql;

namespace Gc3.Persistence.Benchmarks.Subjects;

/// <summary>
/// The PostgreSQL server given with <c>--postgres URI</c>: each run of a subject gets tables of its
/// own (<c>gc3_bench_N</c>), measured with <c>pg_total_relation_size</c> and dropped afterwards.
/// </summary>
public sealed class PostgresServer(string uri)
{
    private int _runs;
    private string? _settings;

    /// <summary>The server's durability settings, as it reports them.</summary>
    public string Settings => _settings ??= ReadSettings();

    /// <summary>Opens a store on new tables.</summary>
    public IStore Open()
    {
        var table = string.Create(CultureInfo.InvariantCulture, $"gc3_bench_{Environment.ProcessId}_{Interlocked.Increment(ref _runs)}");
        var store = StoreFactory.Make(uri, new SqlStoreOptions { TableName = table });
        return store;
    }

    /// <summary>The bytes the store's tables take on the server (heap, indexes, TOAST).</summary>
    public long SizeOf(IStore store)
    {
        var table = ((SqlStore)store).TableName;
        using var connection = Connect();
        using var command = new NpgsqlCommand("SELECT pg_total_relation_size(@t) + pg_total_relation_size(@c)", connection);
        command.Parameters.AddWithValue("t", table);
        command.Parameters.AddWithValue("c", table + "_ids");
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Drops the store's tables.</summary>
    public void Drop(IStore store)
    {
        var table = ((SqlStore)store).TableName;
        using var connection = Connect();
        using var command = new NpgsqlCommand($"DROP TABLE IF EXISTS \"{table}\", \"{table}_ids\"", connection);
        command.ExecuteNonQuery();
    }

    private string ReadSettings()
    {
        using var connection = Connect();
        using var command = new NpgsqlCommand("SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit')", connection);
        using var reader = command.ExecuteReader();
        reader.Read();
        return $"PostgreSQL {reader.GetString(0)}, fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}";
    }

    private NpgsqlConnection Connect()
    {
        var parsed = new Uri(uri);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = parsed.Host.Length > 0 ? parsed.Host : "localhost",
            Port = parsed.Port > 0 ? parsed.Port : NpgsqlConnection.DefaultPort,
            Database = Uri.UnescapeDataString(parsed.AbsolutePath.Trim('/')) is { Length: > 0 } database ? database : null,
        };
        if (parsed.UserInfo.Length > 0)
        {
            var parts = parsed.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        return connection;
    }
}
