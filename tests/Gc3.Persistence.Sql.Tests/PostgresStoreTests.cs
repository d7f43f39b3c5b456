using Gc3.Persistence.Postgres;

namespace Gc3.Persistence.Sql.Tests;

/// <summary>The SQL store checks against a real PostgreSQL server, plus what is PostgreSQL's own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresServer server) : SqlStoreTests(new PostgresTestDatabase(server))
{
    protected override string BlobType => "bytea";

    protected override string EmptyBlob => "''::bytea";

    protected override DateTime ReadTimestamp(object? value) => ((DateTime)value!).ToUniversalTime();

    [Fact]
    public void Opens_every_postgresql_scheme_and_keeps_the_password_out_of_its_name()
    {
        var rest = server.Uri[server.Uri.IndexOf("://", StringComparison.Ordinal)..] + "#table=" + Table;
        foreach (var scheme in new[] { "postgresql", "postgres", "postgresql+npgsql", "postgres+psycopg2" })
        {
            using var store = StoreFactory.Make(scheme + rest);
            Assert.IsType<PostgresStore>(store);
            store.Save(NewJob(scheme));
        }

        using var any = Open();
        Assert.Equal(4, any.List().Count);

        var withPassword = PostgresStoreUri.ToConnectionString(new Uri("postgresql://us%40er:p%3Ass@db.example:6543/my%20db?sslmode=disable&application_name=gc3"));
        Assert.Equal("us@er", withPassword.Username);
        Assert.Equal("p:ss", withPassword.Password);
        Assert.Equal("db.example", withPassword.Host);
        Assert.Equal(6543, withPassword.Port);
        Assert.Equal("my db", withPassword.Database);
        Assert.Equal("gc3", withPassword.ApplicationName);
        Assert.DoesNotContain("secret", Open().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_postgresql_uris_are_clear_errors()
    {
        var e = Assert.Throws<ArgumentException>(() => StoreFactory.Make("postgresql://gc3@127.0.0.1:1/db?no_such_option=1"));
        Assert.Contains("no_such_option", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_postgresql_schemes_are_registered_by_referencing_the_package()
    {
        Assert.Contains("postgresql", StoreFactory.Schemes);
        Assert.Contains("postgres", StoreFactory.Schemes);
    }
}
