using System.Data.Common;

namespace Gc3.Persistence.Postgres;

/// <summary>
/// Keeps records in a table of a PostgreSQL database, shared by every process and machine that
/// opens the same URI: IDs come from a counter in the database, saves are transactions, and a
/// save that would overwrite someone else's newer version throws <see cref="ConcurrencyException"/>.
/// Opened by <see cref="StoreFactory.Make"/> for <c>postgresql://user:password@host:port/db</c>
/// (also <c>postgres://</c> and <c>postgresql+npgsql://</c>), optionally with <c>#table=NAME</c>.
/// </summary>
/// <remarks>
/// Connections come from an Npgsql data source built with <see cref="NpgsqlSlimDataSourceBuilder"/>
/// (only the types the store binds), which keeps Native AOT apps free of trimming warnings.
/// </remarks>
public sealed class PostgresStore : SqlStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _description;

    /// <summary>Opens the store in the database an Npgsql connection string names (<c>Host=...;Database=...;Username=...</c>).</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="options">The store's options; a <see cref="SqlStoreOptions"/> for the table name and extra fields.</param>
    /// <exception cref="ArgumentException">The connection string or the table name is not valid.</exception>
    public PostgresStore(string connectionString, StoreOptions? options = null)
        : this(new NpgsqlConnectionStringBuilder(connectionString), null, options)
    {
    }

    internal PostgresStore(NpgsqlConnectionStringBuilder connection, string? uriTableName, StoreOptions? options)
        : base(PostgresDialect.Instance, uriTableName, options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (Options.ReadOnly)
        {
            // Every transaction of the store's connections is read-only: even a bug of the store's cannot write.
            connection = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
            connection.Options = $"{connection.Options} -c default_transaction_read_only=on".Trim();
        }

        var builder = new NpgsqlSlimDataSourceBuilder(connection.ConnectionString);
        if (ClientLoggerFactory is { } loggerFactory)
        {
            builder.UseLoggerFactory(loggerFactory);
        }

        _dataSource = builder.Build();
        _description = $"postgresql://{connection.Username}@{connection.Host}:{connection.Port}/{connection.Database}#table={TableName}";
        try
        {
            Open();
        }
        catch
        {
            _dataSource.Dispose();
            throw;
        }
    }

    /// <summary>The store's URI, without the password.</summary>
    public override string ToString() => _description;

    /// <inheritdoc/>
    protected override string Location => _description;

    /// <inheritdoc/>
    protected override string DbSystemName => "postgresql";

    /// <inheritdoc/>
    protected override DbConnection CreateConnection() => _dataSource.CreateConnection();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _dataSource.Dispose();
        }
    }
}
