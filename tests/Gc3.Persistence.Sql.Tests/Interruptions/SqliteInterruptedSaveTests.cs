namespace Gc3.Persistence.Sql.Tests.Interruptions;

/// <summary>Interrupted saves on an SQLite file.</summary>
public sealed class SqliteInterruptedSaveTests() : SqlInterruptedSaveTests(new SqliteTestDatabase("sql-int", "int.db"));
