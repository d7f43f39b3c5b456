namespace Gc3.Persistence.Sql.Tests.Exactness;

/// <summary>The column exactness checks on SQLite, which holds U+0000 in text and 100 ns ticks (as text), but no NaN.</summary>
public sealed class SqliteColumnExactnessTests() : SqlColumnExactnessTests(new SqliteTestDatabase("exact"), textHoldsNul: true, realHoldsNaN: false, timestampHoldsTicks: true);
