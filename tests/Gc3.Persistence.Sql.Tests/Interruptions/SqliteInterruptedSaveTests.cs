using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Sql.Tests.Interruptions;

/// <summary>Interrupted saves on an SQLite file.</summary>
public sealed class SqliteInterruptedSaveTests() : SqlInterruptedSaveTests(new SqliteTestDatabase("sql-int", "int.db"))
{
    [Fact]
    public async Task A_save_cancelled_once_its_write_ran_is_either_written_and_reported_or_neither()
    {
        // A replace writes with INSERT ... RETURNING, outside a transaction: SQLite runs it in full at its first step and
        // commits it when the reader is disposed. The write waits for the lock another connection holds; cancelled while it
        // waits, it runs once the lock is free. The token was checked before it ran, and read again before its result was:
        // the save was reported cancelled, and its row was written.
        var written = new ManualResetEventSlim();
        using var store = Open(new SqlStoreOptions { ExtraFields = [new SqlExtraField("hook", StoreColumnKind.Integer, _ => { written.Set(); return 0; })] });
        var id = store.Save(new Job { Name = "before" });
        written.Reset();
        using var cancel = new CancellationTokenSource();
        Task replace;
        using (var holder = OpenRawConnection())
        {
            Run(holder, "BEGIN IMMEDIATE");
            replace = Task.Run(() => store.ReplaceAsync(id, new Job { Name = "after" }, cancel.Token));
            written.Wait(TimeSpan.FromSeconds(10));
            await Task.Delay(200); // from binding its statement to waiting for the lock: microseconds
            await cancel.CancelAsync();
            Run(holder, "COMMIT");
        }

        var failure = await Record.ExceptionAsync(() => replace);
        using var reader = Open();
        var stored = reader.Load<Job>(id).Name;
        Assert.True(
            failure is null ? stored == "after" : failure is OperationCanceledException && stored == "before",
            $"the replace {(failure is null ? "succeeded" : $"failed with {failure.GetType().Name}")} and the row holds '{stored}'");
    }

    private static void Run(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
