using Microsoft.Data.Sqlite;

namespace Gc3.Persistence.Benchmarks.Subjects;

/// <summary>
/// The SQLite limit: Microsoft.Data.Sqlite on one table (id, type, state, data) in WAL mode, the
/// MemoryPack bytes of the plain DTO in <c>data</c>. A: one INSERT per job through a reused prepared
/// command, each its own transaction (or, with <paramref name="oneTransaction"/>, all in one); B: a
/// point SELECT by id and a deserialize; C: one UPDATE per job (or all in one transaction); D: the
/// ids in order.
/// </summary>
/// <param name="oneTransaction">Whether A and C run in one transaction.</param>
/// <param name="synchronous">SQLite's <c>synchronous</c> level, as the SQLite store sets it.</param>
public sealed class RawSqliteSubject(bool oneTransaction, string synchronous) : Subject
{
    private const string Tag = "bench.job";

    /// <inheritdoc/>
    public override string Name => oneTransaction ? "raw-sqlite-tx" : "raw-sqlite";

    /// <inheritdoc/>
    public override string Settings => $"journal_mode=WAL, synchronous={synchronous}" + (oneTransaction ? ", A and C in one transaction" : ", one transaction per statement");

    /// <inheritdoc/>
    public override void Run(WorkloadData data, PhaseTimer timer, string directory)
    {
        var n = data.Jobs.Count;
        var dtos = data.Jobs.Select(j => j.ToDto(ExecutableName(j.ExecutableIndex))).ToArray();
        var names = Enumerable.Range(0, n).Select(JobName).ToArray();
        using var connection = RawSqlite.Open(Path.Join(directory, "raw.db"), "CREATE TABLE store (id TEXT PRIMARY KEY, type TEXT NOT NULL, state TEXT, data BLOB NOT NULL)", synchronous);

        using (var insert = Prepare(connection, "INSERT INTO store (id, type, state, data) VALUES ($id, $type, $state, $data)", "$id", "$type", "$state", "$data"))
        {
            timer.Time(Phase.SaveNew, n, () => InTransactionIf(oneTransaction, connection, insert, () =>
            {
                for (var i = 0; i < n; i++)
                {
                    insert.Parameters[0].Value = names[i];
                    insert.Parameters[1].Value = Tag;
                    insert.Parameters[2].Value = dtos[i].State.ToString();
                    insert.Parameters[3].Value = MemoryPackSerializer.Serialize(dtos[i]);
                    insert.ExecuteNonQuery();
                }
            }));
        }

        dtos = null;
        var loaded = new JobDto[n];
        using (var select = Prepare(connection, "SELECT data FROM store WHERE id = $id", "$id"))
        {
            timer.Time(Phase.LoadCold, n, () =>
            {
                for (var i = 0; i < n; i++)
                {
                    select.Parameters[0].Value = names[i];
                    loaded[i] = MemoryPackSerializer.Deserialize<JobDto>((byte[])select.ExecuteScalar()!)!;
                }
            });
        }

        for (var i = 0; i < n; i++)
        {
            Check(data.Jobs[i].Matches(loaded[i], ExecutableName(data.Jobs[i].ExecutableIndex), data.Jobs[i].State), $"{names[i]} read back with other values");
        }

        using (var update = Prepare(connection, "UPDATE store SET state = $state, data = $data WHERE id = $id", "$id", "$state", "$data"))
        {
            timer.Time(Phase.Replace, n, () => InTransactionIf(oneTransaction, connection, update, () =>
            {
                for (var i = 0; i < n; i++)
                {
                    loaded[i].State = WorkloadData.NextState(loaded[i].State);
                    update.Parameters[0].Value = names[i];
                    update.Parameters[1].Value = loaded[i].State.ToString();
                    update.Parameters[2].Value = MemoryPackSerializer.Serialize(loaded[i]);
                    update.ExecuteNonQuery();
                }
            }));
        }

        using (var check = Prepare(connection, "SELECT state FROM store WHERE id = $id", "$id"))
        {
            check.Parameters[0].Value = names[^1];
            Check((string?)check.ExecuteScalar() == WorkloadData.NextState(data.Jobs[^1].State).ToString(), "the replaced state did not stick");
        }

        timer.RecordSize(DirectorySize(directory));
        var listed = new List<string>();
        using (var list = Prepare(connection, "SELECT id FROM store ORDER BY id"))
        {
            timer.Time(Phase.List, n, () =>
            {
                using var reader = list.ExecuteReader();
                while (reader.Read())
                {
                    listed.Add(reader.GetString(0));
                }
            });
        }

        Check(listed.Count == n, $"listed {listed.Count} rows instead of {n}");
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void InTransactionIf(bool oneTransaction, SqliteConnection connection, SqliteCommand command, Action body)
    {
        if (!oneTransaction)
        {
            body();
            return;
        }

        using var transaction = connection.BeginTransaction();
        command.Transaction = transaction;
        body();
        transaction.Commit();
        command.Transaction = null;
    }
}
