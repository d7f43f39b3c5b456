namespace Gc3.Persistence.Sql.Tests.Infrastructure;

/// <summary>The tests that share one throwaway PostgreSQL server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
