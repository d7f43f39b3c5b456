namespace Gc3.Persistence.Sql.Tests.Exactness;

/// <summary>The column exactness checks on PostgreSQL, which holds NaN, but no U+0000 in text and times to the microsecond.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresColumnExactnessTests(PostgresServer server) : SqlColumnExactnessTests(new PostgresTestDatabase(server), textHoldsNul: false, realHoldsNaN: true, timestampHoldsTicks: false);
