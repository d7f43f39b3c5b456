namespace Gc3.Persistence.Sql.Tests;

/// <summary>The generic store suite, unchanged, on an SQLite file (its default table).</summary>
public sealed class SqliteStoreContractTests() : SqlStoreContractTests(new SqliteTestDatabase("sql", "contract.db"), null);
