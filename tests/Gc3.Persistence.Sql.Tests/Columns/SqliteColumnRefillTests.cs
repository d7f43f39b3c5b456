namespace Gc3.Persistence.Sql.Tests.Columns;

/// <summary>Column refills on an SQLite file.</summary>
public sealed class SqliteColumnRefillTests() : ColumnRefillTests(new SqliteTestDatabase("sql-fill", "fill.db"));
