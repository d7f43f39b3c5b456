namespace Gc3.Persistence.Sql.Tests.Faults;

/// <summary>kill -9 loops on an SQLite file.</summary>
public sealed class SqliteCrashTests(ITestOutputHelper output) : SqlCrashTests(output), IDisposable
{
    private readonly TemporaryDirectory _directory = new("sql-crash");

    protected override string Uri => $"sqlite://{_directory.Combine("crash.db")}#table={Table}";

    public void Dispose() => _directory.Dispose();
}
