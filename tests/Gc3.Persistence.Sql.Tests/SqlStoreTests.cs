using Gc3.Persistence.Postgres;
using Gc3.Persistence.Serialization;
using Gc3.Persistence.Sql;
using Gc3.Persistence.Sql.Tests.Model;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Sql.Tests;

/// <summary>
/// What every SQL store must do (gc3's SQL checks, transactions, concurrency, queries, columns),
/// run once against SQLite and once against a real PostgreSQL server. Each test uses its own table.
/// </summary>
public abstract class SqlStoreTests(ITestDatabase database) : SqlTableTests("t", database)
{
    protected const string Bobby = "Robert'); DROP TABLE store; --";

    protected object? Column(string column, Id id, string? table = null)
        => Scalar($"SELECT \"{column}\" FROM \"{table ?? Table}\" WHERE id = @id", ("@id", id.ToString()));

    protected long RowCount(string? table = null) => Convert.ToInt64(Scalar($"SELECT COUNT(*) FROM \"{table ?? Table}\""));

    protected static Job NewJob(string name, JobState state = JobState.New, Executable? executable = null) => new()
    {
        Name = name,
        State = state,
        Arguments = ["-v", name],
        Environment = { ["HOME"] = "/home/" + name },
        Cores = 2,
        MemoryMB = 1024,
        Submitted = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc),
        Output = new string('o', 200),
        Executable = executable,
    };

    protected static Executable NewExecutable(string path = "/usr/bin/env") => new() { Path = path, Version = "1.2.3", Checksum = new string('c', 64) };

    // gc3: "the state column holds the job's state"
    [Fact]
    public void State_column_holds_the_jobs_state()
    {
        using var store = Open();
        var job = NewJob("stateful", JobState.Running);
        var id = store.Save(job);
        Assert.Equal("Running", Column("state", id));

        job.State = JobState.Terminated;
        store.Save(job);
        Assert.Equal("Terminated", Column("state", id));
        Assert.Equal("test.job", Column("tag", id));

        // An executable declares no state: the column stays NULL.
        Assert.Null(Column("state", NewExecutableId(store)));
    }

    private static Id NewExecutableId(IStore store) => store.Save(NewExecutable());

    // gc3: "extra columns are written and can be read by plain SQL"
    [Fact]
    public void Extra_fields_are_written_and_read_by_plain_sql()
    {
        var logs = new CapturingLoggerFactory();
        var options = new SqlStoreOptions
        {
            LoggerFactory = logs,
            ExtraFields =
            [
                new SqlExtraField("cores", StoreColumnKind.Integer, o => ((Job)o).Cores),
                new SqlExtraField("job_name", StoreColumnKind.Text, o => ((Job)o).Name, "VARCHAR(300)"),
                new SqlExtraField("submitted_at", StoreColumnKind.Timestamp, o => ((Job)o).Submitted),
            ],
        };
        using var store = Open(options);
        var exe = NewExecutable();
        var job = NewJob("extra", JobState.Submitted, exe);
        job.Cores = 16;
        var id = store.Save(job);

        Assert.Equal(16L, Convert.ToInt64(Column("cores", id)));
        Assert.Equal("extra", Column("job_name", id));
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9), ReadTimestamp(Column("submitted_at", id)));

        // The executable is no Job: every extra field throws for it, is logged, and left NULL.
        Assert.Null(Column("cores", exe.PersistentId!));
        Assert.Null(Column("job_name", exe.PersistentId!));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("cores", StringComparison.Ordinal) && e.Exception is InvalidCastException);
        store.InvalidateCache();
        Assert.Equal(16, store.Load<Job>(id).Cores);
    }

    [Fact]
    public void Declared_columns_of_every_kind_are_written()
    {
        using var store = Open();
        var taken = new DateTime(2023, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var id = store.Save(new Sample { Count = 42, Score = 2.5, Taken = taken, Label = "hello", Flag = true });

        Assert.Equal(42L, Convert.ToInt64(Column("count", id)));
        Assert.Equal(2.5, Convert.ToDouble(Column("score", id)));
        Assert.Equal(taken, ReadTimestamp(Column("taken", id)));
        Assert.Equal("hello", Column("label", id));
        Assert.Equal(1L, Convert.ToInt64(Column("flag", id)));
        Assert.Equal(5L, Convert.ToInt64(Column("label_length", id)));
        Assert.Equal([id], store.ListWhere("label_length", 5));
        Assert.Equal([id], store.ListWhere("flag", true));
        Assert.Equal([id], store.ListWhere("taken", taken));
    }

    [Fact]
    public void A_column_added_after_rows_were_written_is_filled_before_ListWhere_answers()
    {
        IReadOnlyList<Id> ids;
        using (var store = Open())
        {
            ids = store.SaveMany([new Sample { Label = "abcde" }, new Sample { Label = "xy" }, new Sample { Label = "fghij" }]);
        }

        // The table as an older version of the application left it: no label_length column yet.
        Execute($"DROP INDEX \"{Table}_label_length_idx\"");
        Execute($"ALTER TABLE \"{Table}\" DROP COLUMN label_length");

        var logs = new CapturingLoggerFactory();
        using (var reopened = Open(new StoreOptions { LoggerFactory = logs }))
        {
            Assert.Equal([ids[0], ids[2]], reopened.ListWhere("label_length", 5));
            Assert.Equal(2L, Convert.ToInt64(Column("label_length", ids[1])));
            Assert.Contains(logs.Entries, e => e.Message.Contains("Filling the columns of 3 ", StringComparison.Ordinal));
            Assert.Contains(logs.Entries, e => e.Message.Contains("Filled the columns of 3 of 3 ", StringComparison.Ordinal));
        }

        // Done once: the next open has nothing to fill.
        var again = new CapturingLoggerFactory();
        using (Open(new StoreOptions { LoggerFactory = again }))
        {
            Assert.DoesNotContain(again.Entries, e => e.Message.Contains("Filling", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_fill_interrupted_by_a_crash_resumes_at_the_next_ListWhere()
    {
        using var store = Open();
        var ids = store.SaveMany([new Sample { Label = "abcde" }, new Sample { Label = "vwxyz" }]);

        // What a process that added the column and died before filling leaves: the mark, and NULLs.
        Execute($"UPDATE \"{Table}\" SET label_length = NULL");
        Execute($"INSERT INTO \"{Table}_fill\" (tag) VALUES ('{PersistableRegistry.All.Single(s => s.Type == typeof(Sample)).Tag}')");

        Assert.Equal(ids, store.ListWhere("label_length", 5));
        Assert.Equal(0L, Convert.ToInt64(Scalar($"SELECT COUNT(*) FROM \"{Table}_fill\"")));
    }

    [Fact]
    public void A_throwing_computed_column_is_logged_and_left_null_and_the_save_succeeds()
    {
        var logs = new CapturingLoggerFactory();
        using var store = Open(new StoreOptions { LoggerFactory = logs });
        var id = store.Save(new Fragile { Text = null });
        Assert.Null(Column("text_length", id));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Exception is NullReferenceException);

        var ok = store.Save(new Fragile { Text = "four" });
        Assert.Equal(4L, Convert.ToInt64(Column("text_length", ok)));
    }

    [Fact]
    public void A_throwing_computed_column_leaves_only_its_own_column_null()
    {
        // The type's other columns are read all the same: a state left NULL beside it made ListWhere miss the record.
        var logs = new CapturingLoggerFactory();
        using var store = Open(new StoreOptions { LoggerFactory = logs });
        var id = store.Save(new Fragile { Text = null, Kind = "ready" });

        Assert.Null(Column("text_length", id));
        Assert.Equal("ready", Column("state", id));
        Assert.Equal([id], store.ListWhere("state", "ready"));
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Exception is NullReferenceException && e.Message.Contains("text_length", StringComparison.Ordinal)
            && !e.Message.Contains("state", StringComparison.Ordinal));
    }

    // gc3: "a table with a non-default name"
    [Fact]
    public void Uses_the_table_named_in_the_uri_or_the_options()
    {
        using (var store = Open())
        {
            var id = store.Save(NewJob("in-uri-table"));
            Assert.Equal(Table, store.TableName);
            Assert.Equal(1, RowCount());
            Assert.Equal("in-uri-table", store.Load<Job>(id).Name);
        }

        // The option wins over the URI's fragment.
        var other = Table + "_opt";
        try
        {
            using var store = Open(new SqlStoreOptions { TableName = other });
            Assert.Equal(other, store.TableName);
            store.Save(NewJob("in-option-table"));
            Assert.Equal(1, RowCount(other));
            Assert.Equal(1, RowCount());
        }
        finally
        {
            DropTable(other);
        }
    }

    [Fact]
    public void With_CreateIfMissing_off_a_missing_store_is_an_error_and_nothing_is_created()
    {
        var mustExist = new StoreOptions { CreateIfMissing = false };
        for (var attempt = 0; attempt < 2; attempt++)
        {
            // Twice: had the first attempt created anything, the second would open it.
            var e = Assert.Throws<StoreNotFoundException>(() => Open(mustExist));
            Assert.Contains("There is no store at", e.Message, StringComparison.Ordinal);
        }

        using (var created = Open())
        {
            created.Save(NewJob("created"));
        }

        using var existing = Open(mustExist);
        Assert.Single(existing.List());
    }

    [Fact]
    public void A_missing_table_names_the_store_tables_the_database_holds()
    {
        // A store saved under a table of its own (TableName = "jobs" in the application) and opened without it, by gc3p or
        // with CreateIfMissing off: the error shows the table to name, where it said only that 'store' was missing.
        using (var saved = Open())
        {
            saved.Save(NewJob("in-its-table"));
        }

        var misspelt = Table + "_typo";
        foreach (var options in new[] { new StoreOptions { CreateIfMissing = false }, new StoreOptions { ReadOnly = true } })
        {
            var e = Assert.Throws<StoreNotFoundException>(() => StoreFactory.Make(UriFor(misspelt), options));
            Assert.Contains($"the database has no table '{misspelt}'", e.Message, StringComparison.Ordinal);
            Assert.Contains($"'{Table}'", e.Message, StringComparison.Ordinal);
            Assert.Contains("#table=NAME", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain($"'{Table}_ids'", e.Message, StringComparison.Ordinal);
        }
    }

    // gc3: an object whose string is SQL round-trips, and the table survives
    [Fact]
    public void Sql_in_values_round_trips_and_the_table_survives()
    {
        var options = new SqlStoreOptions { ExtraFields = [new SqlExtraField("job_name", StoreColumnKind.Text, o => ((Job)o).Name)] };
        using var store = OpenDefaultTable(options);
        using var inTable = Open(options);
        foreach (var target in new[] { store, inTable })
        {
            var job = NewJob(Bobby);
            job.Arguments = [Bobby, "'; DELETE FROM store; --"];
            job.Environment[Bobby] = Bobby;
            var id = target.Save(job);
            target.InvalidateCache();
            var loaded = target.Load<Job>(id);
            Assert.Equal(Bobby, loaded.Name);
            Assert.Equal([Bobby, "'; DELETE FROM store; --"], loaded.Arguments);
            Assert.Equal(Bobby, loaded.Environment[Bobby]);
            Assert.Equal([id], target.ListWhere("job_name", Bobby));
            Assert.Contains(id, target.List());
        }

        Assert.Equal(1, RowCount("store"));
        Assert.Equal(1, RowCount());
        DropTable("store");
    }

    [Fact]
    public void Bad_table_names_are_clear_errors_and_touch_nothing()
    {
        foreach (var bad in new[] { "bad-name", "x;DROP TABLE store", "1starts_with_digit", "", new string('a', 56), "\"quoted\"" })
        {
            var e = Assert.Throws<ArgumentException>(() => StoreFactory.Make(UriFor(null) + "#table=" + Uri.EscapeDataString(bad)));
            Assert.Contains("table name", e.Message, StringComparison.Ordinal);
            var o = Assert.Throws<ArgumentException>(() => new SqlStoreOptions { TableName = bad }.Let(opts => StoreFactory.Make(UriFor(Table), opts)));
            Assert.Contains("table name", o.Message, StringComparison.Ordinal);
        }

        var fragment = Assert.Throws<ArgumentException>(() => StoreFactory.Make(UriFor(null) + "#tabel=jobs"));
        Assert.Contains("#table=NAME", fragment.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SqlExtraField("data", StoreColumnKind.Text, o => 1));
        Assert.Throws<ArgumentException>(() => new SqlExtraField("ok", StoreColumnKind.Text, o => 1, "TEXT); DROP TABLE store; --"));
    }

    [Fact]
    public void A_table_that_is_not_a_store_table_is_refused_and_kept()
    {
        Execute($"CREATE TABLE \"{Table}\" (id TEXT PRIMARY KEY, data TEXT)");
        Execute($"INSERT INTO \"{Table}\" (id, data) VALUES ('1', 'precious')");
        var e = Assert.Throws<InvalidOperationException>(() => Open());
        Assert.Contains("not a Gc3.Persistence store table", e.Message, StringComparison.Ordinal);
        Assert.Equal("precious", Scalar($"SELECT data FROM \"{Table}\" WHERE id = '1'"));
    }

    [Fact]
    public void Missing_declared_columns_are_added_and_other_columns_kept()
    {
        // A store table from an older version of the application: no state, no declared columns, and one of its own.
        Execute(
            $"CREATE TABLE \"{Table}\" (prefix TEXT NOT NULL, seqno BIGINT NOT NULL, id TEXT NOT NULL, tag TEXT NOT NULL, data {BlobType} NOT NULL, " +
            $"version BIGINT NOT NULL, legacy TEXT, PRIMARY KEY (prefix, seqno))");
        Execute($"INSERT INTO \"{Table}\" (prefix, seqno, id, tag, data, version, legacy) VALUES ('old', 7, 'old.7', 'none', {EmptyBlob}, 1, 'kept')");

        using var store = Open();
        var id = store.Save(NewJob("migrated", JobState.Running));
        Assert.Equal("Running", Column("state", id));
        Assert.Equal("kept", Scalar($"SELECT legacy FROM \"{Table}\" WHERE id = 'old.7'"));
        var sample = store.Save(new Sample { Count = 3 });
        Assert.Equal(3L, Convert.ToInt64(Column("count", sample)));

        // The counter starts after the highest number already in the table.
        Assert.True(id.SeqNo > 7, $"{id} reuses a number at or below old.7");
        Assert.Contains(new Id("old", 7), store.List());
    }

    [Fact]
    public void SaveMany_is_one_transaction_all_or_nothing()
    {
        using var mine = Open();
        using var theirs = Open();
        var shared = NewJob("shared");
        var sharedId = mine.Save(shared);

        // Someone else saves the shared job: our copy is now stale.
        var their = theirs.Load<Job>(sharedId);
        their.State = JobState.Running;
        theirs.Save(their);

        var before = mine.List();
        var fresh1 = NewJob("fresh1");
        var fresh2 = NewJob("fresh2");
        shared.State = JobState.Terminated;
        var e = Assert.Throws<ConcurrencyException>(() => mine.SaveMany([fresh1, shared, fresh2]));
        Assert.Equal(sharedId, e.Id);

        Assert.Equal(before, mine.List());
        Assert.Null(fresh1.PersistentId);
        Assert.Null(fresh2.PersistentId);
        Assert.Equal("Running", Column("state", sharedId));

        // Without the stale object the same batch goes through, all of it.
        var ids = mine.SaveMany([fresh1, fresh2, NewJob("fresh3")]);
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(before.Count + 3, mine.List().Count);
    }

    [Fact]
    public void A_cascade_save_is_one_transaction()
    {
        using var mine = Open();
        using var theirs = Open();
        var exe = NewExecutable();
        var oldJob = NewJob("old", executable: exe);
        var collection = new JobCollection { Name = "batch", Jobs = [oldJob] };
        var collectionId = mine.Save(collection);
        Assert.Equal(3, RowCount());

        var their = theirs.Load<Job>(oldJob.PersistentId!);
        their.Cores = 99;
        theirs.Save(their);

        // New children and the collection would be written with the stale job (changed here too, so
        // its record differs from the one this store wrote): none of them is.
        oldJob.Cores = 7;
        collection.Jobs.Add(NewJob("new1", executable: exe));
        collection.Jobs.Add(NewJob("new2", executable: NewExecutable("/bin/new")));
        collection.Name = "changed";
        var e = Assert.Throws<ConcurrencyException>(() => mine.Save(collection));
        Assert.Equal(oldJob.PersistentId, e.Id);
        Assert.Equal(3, RowCount());
        Assert.Null(collection.Jobs[1].PersistentId);
        theirs.InvalidateCache();
        Assert.Equal("batch", theirs.Load<JobCollection>(collectionId).Name);
        Assert.Equal(99, theirs.Load<Job>(oldJob.PersistentId!).Cores);
    }

    [Fact]
    public void A_stale_save_throws_a_concurrency_exception_and_writes_nothing()
    {
        using var first = Open();
        using var second = Open();
        var id = first.Save(NewJob("contended"));
        Assert.Equal(1L, Convert.ToInt64(Column("version", id)));

        var a = first.Load<Job>(id);
        var b = second.Load<Job>(id);
        a.State = JobState.Running;
        first.Save(a);
        Assert.Equal(2L, Convert.ToInt64(Column("version", id)));

        b.State = JobState.Terminated;
        b.Name = "loser";
        var e = Assert.Throws<ConcurrencyException>(() => second.Save(b));
        Assert.Equal(id, e.Id);
        Assert.Equal(1, e.ExpectedVersion);
        Assert.Equal(2, e.ActualVersion);
        Assert.Contains(id.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains("expected version 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("version 2", e.Message, StringComparison.Ordinal);
        Assert.Equal("Running", Column("state", id));
        Assert.Equal(2L, Convert.ToInt64(Column("version", id)));

        // The stale copy left the identity map: loading again gives the stored record, which saves fine.
        var fresh = second.Load<Job>(id);
        Assert.NotSame(b, fresh);
        Assert.Equal("contended", fresh.Name);
        fresh.State = JobState.Terminated;
        second.Save(fresh);
        Assert.Equal("Terminated", Column("state", id));
        Assert.Equal(3L, Convert.ToInt64(Column("version", id)));

        // The stale object stays stale.
        Assert.Throws<ConcurrencyException>(() => second.Save(b));
    }

    [Fact]
    public void An_object_kept_in_two_stores_is_checked_against_each_stores_own_version()
    {
        var otherTable = "t_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            using var here = Open();
            using var there = (SqlStore)StoreFactory.Make(UriFor(otherTable));
            using var rival = Open();
            var job = NewJob("twice");
            var id = here.Save(job);
            there.Import(job); // Save would refuse an object of another store
            job.Cores = 2;
            there.Save(job);
            Assert.Equal(1L, Convert.ToInt64(Column("version", id)));
            Assert.Equal(2L, Convert.ToInt64(Column("version", id, otherTable)));

            var theirs = rival.Load<Job>(id);
            theirs.Cores = 5;
            rival.Save(theirs);

            // Saving to the second store did not make the first forget the version it wrote.
            job.Cores = 3;
            var e = Assert.Throws<ConcurrencyException>(() => here.Save(job));
            Assert.Equal(1, e.ExpectedVersion);
            Assert.Equal(2, e.ActualVersion);
            using (var check = Open())
            {
                Assert.Equal(5, check.Load<Job>(id).Cores);
            }

            // ... nor the second store the version it wrote.
            there.Save(job);
            there.InvalidateCache();
            Assert.Equal(3, there.Load<Job>(id).Cores);
        }
        finally
        {
            DropTable(otherTable);
        }
    }

    [Fact]
    public void An_object_saved_by_another_store_of_its_place_is_checked_against_the_version_it_was_loaded_at()
    {
        Id id;
        Job job;
        using (var loader = Open())
        {
            id = loader.Save(NewJob("handed-on"));
            job = loader.Load<Job>(id);
        }

        // A store per unit of work: the next one saves the job the first loaded, at the version it was loaded at.
        using (var next = Open())
        {
            job.Cores = 3;
            next.Save(job);
        }

        Assert.Equal(2L, Convert.ToInt64(Column("version", id)));
        using (var rival = Open())
        {
            var theirs = rival.Load<Job>(id);
            theirs.Cores = 5;
            rival.Save(theirs);
        }

        // A third store saves the job, stale since the rival saved it: a conflict, not a silent overwrite.
        using var last = Open();
        job.Cores = 7;
        var e = Assert.Throws<ConcurrencyException>(() => last.Save(job));
        Assert.Equal(id, e.Id);
        Assert.Equal(2, e.ExpectedVersion);
        Assert.Equal(3, e.ActualVersion);
        Assert.Equal(5, last.Load<Job>(id).Cores);
        Assert.Equal(3L, Convert.ToInt64(Column("version", id)));
    }

    [Fact]
    public async Task Concurrency_is_checked_by_the_async_api_too()
    {
        await using var first = Open();
        await using var second = Open();
        var id = await first.SaveAsync(NewJob("async"));
        var a = await first.LoadAsync<Job>(id);
        var b = await second.LoadAsync<Job>(id);
        a.Cores = 3;
        await first.SaveAsync(a);
        b.Cores = 4;
        var e = await Assert.ThrowsAsync<ConcurrencyException>(() => second.SaveAsync(b));
        Assert.Equal(2, e.ActualVersion);
        first.InvalidateCache();
        Assert.Equal(3, (await first.LoadAsync<Job>(id)).Cores);
    }

    [Fact]
    public void The_versions_a_store_counts_stay_those_of_the_table_over_many_saves()
    {
        using var first = Open();
        using var second = Open();
        var a = NewJob("counted-a");
        var b = NewJob("counted-b");
        var idA = first.Save(a);
        a.Cores = 3;
        first.Save(a);
        a.Cores = 4;
        first.Save(a);
        Assert.Equal(3L, Convert.ToInt64(Column("version", idA)));

        // SaveMany writes in one transaction: a new row and an updated one, twice.
        first.SaveMany([a, b]);
        a.Cores = 5;
        b.Cores = 5;
        first.SaveMany([a, b]);
        var idB = b.PersistentId!;
        Assert.Equal(5L, Convert.ToInt64(Column("version", idA)));
        Assert.Equal(2L, Convert.ToInt64(Column("version", idB)));

        // Another store moves b on; the first store's copy of b is now stale, its a is not.
        var theirs = second.Load<Job>(idB);
        theirs.Cores = 6;
        second.Save(theirs);
        a.Cores = 7;
        b.Cores = 7;
        var e = Assert.Throws<ConcurrencyException>(() => first.SaveMany([a, b]));
        Assert.Equal(idB, e.Id);
        Assert.Equal(2, e.ExpectedVersion);
        Assert.Equal(3, e.ActualVersion);
        Assert.Equal(5L, Convert.ToInt64(Column("version", idA)));
        Assert.Equal(3L, Convert.ToInt64(Column("version", idB)));

        // The failed batch rolled back whole and left a at the version the store knows.
        first.Save(a);
        Assert.Equal(6L, Convert.ToInt64(Column("version", idA)));
    }

    [Fact]
    public void A_new_object_whose_id_is_taken_by_a_row_written_behind_the_stores_back_is_a_conflict()
    {
        using var store = Open();
        var first = store.Save(NewJob("first"));

        // The next number the counter gives is this store's next ID: a row put there by hand takes it.
        var next = Convert.ToInt64(Scalar($"SELECT next_seqno FROM \"{Table}_ids\""));
        var taken = new Id(first.Prefix, next);
        Execute($"INSERT INTO \"{Table}\" (prefix, seqno, id, tag, data, version) VALUES ('{taken.Prefix}', {next}, '{taken}', 'hand', {EmptyBlob}, 7)");

        var e = Assert.Throws<ConcurrencyException>(() => store.Save(NewJob("second")));
        Assert.Equal(taken, e.Id);
        Assert.Equal(0, e.ExpectedVersion);
        Assert.Equal(7, e.ActualVersion);
        Assert.Equal("hand", Column("tag", taken));
        Assert.Equal(7L, Convert.ToInt64(Column("version", taken)));
        Assert.Equal(2, RowCount());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_counter_behind_the_rows_never_overwrites_one_and_moves_past_them(bool graph)
    {
        var logs = new CapturingLoggerFactory();
        var kept = SaveKeptJobs(5);

        // The counter of an older backup (or one rolled back by hand): it gives IDs the rows hold.
        Execute($"UPDATE \"{Table}_ids\" SET next_seqno = 1");
        using var restored = Open(new StoreOptions { LoggerFactory = logs });
        var exe = NewExecutable();
        var job = NewJob("new", executable: graph ? exe : null);
        var e = Assert.Throws<ConcurrencyException>(() => restored.Save(job));
        Assert.Contains(e.Id, kept);
        Assert.Null(job.PersistentId);
        Assert.Null(exe.PersistentId);
        Assert.Equal(5, RowCount());
        Assert.Equal(["kept0", "kept1", "kept2", "kept3", "kept4"], kept.Select(id => restored.Load<Job>(id).Name));
        Assert.Contains(logs.Entries, w => w.Level == LogLevel.Warning && w.Message.Contains("behind", StringComparison.Ordinal) && w.Message.Contains($"{Table}_ids", StringComparison.Ordinal));

        // The counter moved past the rows: saved again, the object gets a free ID, in this store and in another.
        var saved = restored.Save(job);
        Assert.True(saved.SeqNo > kept.Max(id => id.SeqNo), $"{saved} is not past the rows");
        using var other = Open();
        Assert.True(other.Save(NewJob("other")).SeqNo > saved.SeqNo);
        Assert.Equal(graph ? 8 : 7, RowCount());
    }

    [Fact]
    public void A_counter_behind_the_rows_never_lets_a_transaction_or_SaveMany_overwrite_one()
    {
        var kept = SaveKeptJobs(6);

        Execute($"UPDATE \"{Table}_ids\" SET next_seqno = 1");
        using var restored = Open();
        var job = NewJob("in a transaction");
        using (var tx = restored.BeginTransaction())
        {
            tx.Save(job);
            Assert.Throws<ConcurrencyException>(() => tx.Commit());
        }

        Execute($"UPDATE \"{Table}_ids\" SET next_seqno = 1");
        using var again = Open();
        Assert.Throws<ConcurrencyException>(() => again.SaveMany([NewJob("many 1"), NewJob("many 2")]));
        Assert.Equal(6, RowCount());
        Assert.Equal(["kept0", "kept1", "kept2", "kept3", "kept4", "kept5"], kept.Select(id => again.Load<Job>(id).Name));

        // Both moved the counter past the rows: the next attempts get free IDs.
        using (var tx = restored.BeginTransaction())
        {
            tx.Save(job);
            tx.Commit();
        }

        again.SaveMany([NewJob("many 1"), NewJob("many 2")]);
        Assert.Equal(9, RowCount());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("-9223372036854775808")]
    public void A_counter_that_holds_no_id_number_restarts_after_the_highest_id_with_a_warning(string forged)
    {
        var logs = new CapturingLoggerFactory();
        var kept = SaveKeptJobs(3);

        Execute($"UPDATE \"{Table}_ids\" SET next_seqno = {forged}");
        using var reopened = Open(new StoreOptions { LoggerFactory = logs });
        var id = reopened.Save(NewJob("after"));
        Assert.Equal(kept.Max(k => k.SeqNo) + 1, id.SeqNo);
        Assert.Contains(logs.Entries, w => w.Level == LogLevel.Warning && w.Message.Contains("no ID number", StringComparison.Ordinal) && w.Message.Contains($"{Table}_ids", StringComparison.Ordinal));
        Assert.Equal(4, RowCount());
    }

    [Fact]
    public void A_counter_at_the_largest_id_number_is_a_clear_error_and_writes_nothing()
    {
        using var store = Open();
        store.Save(NewJob("first"));
        Execute($"UPDATE \"{Table}_ids\" SET next_seqno = {long.MaxValue - 1}");
        using var reopened = Open();
        Assert.Equal(long.MaxValue - 1, reopened.Save(NewJob("last")).SeqNo);

        SavingGivesNoMoreIds(reopened, rows: 2);

        // The counter stays a whole number (SQLite turned the sum past long.MaxValue into a real number).
        Assert.Equal(long.MaxValue, Convert.ToInt64(Scalar($"SELECT next_seqno FROM \"{Table}_ids\"")));
        Assert.IsType<long>(Scalar($"SELECT next_seqno FROM \"{Table}_ids\""));
    }

    [Fact]
    public async Task A_lost_counter_behind_a_row_at_the_largest_id_number_is_a_clear_error_not_an_overflow()
    {
        // A row under the largest ID number (forged, or copied from a store that held one) and the counter row lost: the
        // counter restarted after it, past long.MaxValue (gc3p stats: "Arithmetic operation resulted in an overflow.").
        using var store = Open();
        store.Save(NewJob("first"));
        Execute($"INSERT INTO \"{Table}\" (prefix, seqno, id, tag, data, version) SELECT prefix, {long.MaxValue}, prefix || '.{long.MaxValue}', tag, data, 1 FROM \"{Table}\"");
        Execute($"DELETE FROM \"{Table}_ids\"");

        using var reopened = Open();
        Assert.Equal(long.MaxValue, await ((Gc3.Persistence.Records.IRecordStore)reopened).ReadIdCounterAsync());
        SavingGivesNoMoreIds(reopened, rows: 2);
    }

    // A save past the largest ID number: a clear error naming the counter table, no ID given, nothing written.
    private void SavingGivesNoMoreIds(IStore store, int rows)
    {
        var job = NewJob("one too many");
        var e = Assert.Throws<InvalidOperationException>(() => store.Save(job));
        Assert.Contains($"'{Table}_ids'", e.Message, StringComparison.Ordinal);
        Assert.Contains("no more IDs", e.Message, StringComparison.Ordinal);
        Assert.Null(job.PersistentId);
        Assert.Equal(rows, RowCount());
    }

    [Fact]
    public void A_damaged_record_is_a_load_error_naming_it_and_the_others_still_load()
    {
        using var store = Open();
        var damaged = store.Save(NewJob("damaged"));
        var intact = store.Save(NewJob("intact"));
        Execute($"UPDATE \"{Table}\" SET data = substr(data, 1, 20) WHERE id = '{damaged}'");
        store.InvalidateCache();

        var e = Assert.Throws<LoadException>(() => store.Load(damaged));
        Assert.Equal(damaged, e.Id);
        Assert.Contains(damaged.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Equal("intact", store.Load<Job>(intact).Name);
    }

    [Fact]
    public void A_row_holding_the_data_of_another_row_is_a_load_error_naming_both_ids()
    {
        using var store = Open();
        var source = store.Save(NewJob("source"));
        var target = store.Save(NewJob("target"));
        Execute($"UPDATE \"{Table}\" SET data = (SELECT data FROM \"{Table}\" WHERE id = '{source}') WHERE id = '{target}'");
        store.InvalidateCache();

        var e = Assert.Throws<LoadException>(() => store.Load(target));
        Assert.Equal(target, e.Id);
        Assert.Contains($"'{source}'", e.Message, StringComparison.Ordinal);
        Assert.Contains($"'{target}'", e.Message, StringComparison.Ordinal);
        Assert.Equal("source", store.Load<Job>(source).Name);
    }

    [Fact]
    public void A_data_value_over_MaxRecordBytes_is_a_load_error_and_a_record_over_it_is_not_saved()
    {
        Id id;
        using (var store = Open())
        {
            id = store.Save(NewJob("big"));
        }

        using var small = Open(new StoreOptions { MaxRecordBytes = 200 });
        var e = Assert.Throws<LoadException>(() => small.Load(id));
        Assert.Equal(id, e.Id);
        Assert.Contains("MaxRecordBytes", e.Message, StringComparison.Ordinal);

        var job = NewJob("too big");
        Assert.Contains("MaxRecordBytes", Assert.Throws<InvalidOperationException>(() => small.Save(job)).Message, StringComparison.Ordinal);
        Assert.Null(job.PersistentId);
        Assert.Equal(1, RowCount());
    }

    [Fact]
    public async Task A_row_over_MaxRecordBytes_is_refused_without_fetching_its_bytes()
    {
        Id id;
        using (var store = Open())
        {
            id = store.Save(NewJob("to be swollen"));
        }

        // A damaged or hostile row: 32 MB where a record of a few hundred bytes was.
        const int Swollen = 32 << 20;
        using var small = Open(new StoreOptions { MaxRecordBytes = 1 << 20 });
        Execute(small is PostgresStore
            ? $"UPDATE \"{Table}\" SET data = convert_to(repeat('x', {Swollen}), 'UTF8')"
            : $"UPDATE \"{Table}\" SET data = zeroblob({Swollen})");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<LoadException>(() => small.Load(id));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var raw = await small.ReadRawRecordAsync(id);

        Assert.Equal(id, e.Id);
        Assert.Contains($"{Swollen} bytes long", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRecordBytes", raw!.Problem, StringComparison.Ordinal);
        Assert.True(allocated < 1 << 20, $"refusing a row of {Swollen} bytes allocated {allocated} bytes");
    }

    [Fact]
    public void Replace_overwrites_whatever_version_is_stored()
    {
        using var first = Open();
        using var second = Open();
        var id = first.Save(NewJob("original"));
        var stale = second.Load<Job>(id);
        var newer = first.Load<Job>(id);
        newer.Cores = 5;
        first.Save(newer);

        stale.Name = "replaced";
        second.Replace(id, stale);
        first.InvalidateCache();
        Assert.Equal("replaced", first.Load<Job>(id).Name);
        Assert.Equal(3L, Convert.ToInt64(Column("version", id)));
    }

    [Fact]
    public void A_fresh_object_never_conflicts()
    {
        using var first = Open();
        using var second = Open();
        var ids = new HashSet<Id>();
        for (var i = 0; i < 20; i++)
        {
            Assert.True(ids.Add(first.Save(NewJob("a" + i))));
            Assert.True(ids.Add(second.Save(NewJob("b" + i))));
        }

        Assert.Equal(40, RowCount());
    }

    [Fact]
    public async Task ListWhere_finds_ids_by_column_value_in_id_order()
    {
        using var store = Open(new SqlStoreOptions { ExtraFields = [new SqlExtraField("cores", StoreColumnKind.Integer, o => (o as Job)?.Cores)] });
        var running = new List<Id>();
        for (var i = 0; i < 12; i++)
        {
            var job = NewJob("q" + i, i % 3 == 0 ? JobState.Running : JobState.New);
            job.Cores = i;
            var id = store.Save(job);
            if (i % 3 == 0)
            {
                running.Add(id);
            }
        }

        var exeId = store.Save(NewExecutable());
        Assert.Equal(running, store.ListWhere("state", JobState.Running));
        Assert.Equal(running, store.ListWhere("STATE", "Running"));
        Assert.Equal(running, await store.ListWhereAsync("state", JobState.Running));
        Assert.Equal([exeId], store.ListWhere("state", null));
        Assert.Equal([running[2]], store.ListWhere("cores", 6));
        Assert.True(PersistableRegistry.TryGet(typeof(Executable), out var executable));
        Assert.Equal([exeId], store.ListWhere("tag", executable.Tag));
        Assert.Equal(12, store.ListWhere("tag", "test.job").Count);
        Assert.Empty(store.ListWhere("state", JobState.Terminated));

        var unknown = Assert.Throws<ArgumentException>(() => store.ListWhere("data", 1));
        Assert.Contains("state", unknown.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => store.ListWhere("state; DROP TABLE store", 1));
        Assert.Throws<ArgumentException>(() => store.ListWhere("cores", "many"));
    }

    [Fact]
    public void List_gives_every_id_in_id_order()
    {
        using var store = Open(new StoreOptions { IdFactory = new JobIdFactory() });
        var ids = new List<Id>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(store.Save(NewJob("l" + i)));
        }

        using var plain = Open();
        ids.Add(plain.Save(NewExecutable()));
        ids.Add(plain.Save(new Sample()));
        ids.Sort();
        Assert.Equal(ids, plain.List());
        Assert.Contains(new Id("job", 10), ids);
        store.Remove(ids[0]);
        Assert.Equal(ids.Skip(1), plain.List());
    }

    [Fact]
    public void List_skips_rows_written_by_hand_that_cannot_make_an_id()
    {
        var logs = new CapturingLoggerFactory();
        using var store = Open(new StoreOptions { LoggerFactory = logs });
        var id = store.Save(NewJob("good"));
        Execute($"INSERT INTO \"{Table}\" (prefix, seqno, id, tag, data, version) VALUES ('../etc', 1, '../etc.1', 'x', {EmptyBlob}, 1)");
        Execute($"INSERT INTO \"{Table}\" (prefix, seqno, id, tag, data, version) VALUES ('test', -5, 'test.-5', 'x', {EmptyBlob}, 1)");

        Assert.Equal([id], store.List());
        Assert.Equal(2, logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("cannot make an ID", StringComparison.Ordinal)));
    }

    [Fact]
    public void Ids_come_from_the_database_and_are_never_reused()
    {
        Id last;
        using (var first = Open())
        {
            first.IdFactory.Reserve(10);
            var ids = Enumerable.Range(0, 10).Select(i => first.Save(NewJob("r" + i))).ToList();
            Assert.Equal(10, ids.Select(i => i.SeqNo).Distinct().Count());
            last = ids.Max()!;
            first.Remove(last);
        }

        using var second = Open();
        var next = second.Save(NewJob("after-reopen"));
        Assert.True(next.SeqNo > last.SeqNo, $"{next} is not after the removed {last}");

        // A counter row deleted by hand restarts after the highest ID in the table.
        Execute($"DELETE FROM \"{Table}_ids\"");
        using var third = Open();
        var recovered = third.Save(NewJob("after-counter-loss"));
        Assert.True(recovered.SeqNo > next.SeqNo, $"{recovered} is not after {next}");
    }

    [Fact]
    public async Task Many_threads_share_one_store()
    {
        using var store = Open();
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            var mine = new List<Id>();
            for (var i = 0; i < 25; i++)
            {
                mine.Add(i % 2 == 0 ? store.Save(NewJob($"t{t}-{i}")) : await store.SaveAsync(NewJob($"t{t}-{i}")));
            }

            return mine;
        })));
        var all = ids.SelectMany(i => i).ToList();
        Assert.Equal(200, all.Distinct().Count());
        store.InvalidateCache();
        foreach (var id in all)
        {
            Assert.StartsWith("t", store.Load<Job>(id).Name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Round_trips_a_graph_with_the_sync_and_async_api()
    {
        await using var store = Open();
        var exe = NewExecutable();
        var collection = new JobCollection { Name = "graph", Jobs = [NewJob("g1", executable: exe), NewJob("g2", executable: exe)] };
        var id = await store.SaveAsync(collection);
        store.InvalidateCache();
        var loaded = await store.LoadAsync<JobCollection>(id);
        Assert.Equal(["g1", "g2"], loaded.Jobs.Select(j => j.Name));
        Assert.Same(loaded.Jobs[0].Executable, loaded.Jobs[1].Executable);
        Assert.Equal("/usr/bin/env", loaded.Jobs[0].Executable!.Path);
        Assert.Equal(4, (await store.ListAsync()).Count);

        await store.RemoveAsync(loaded.Jobs[0].PersistentId!);
        store.InvalidateCache();
        var e = Assert.Throws<RecordNotFoundException>(() => store.Load(id));
        Assert.Contains("no such record", e.Message, StringComparison.Ordinal);
        Assert.Throws<RecordNotFoundException>(() => store.Load(new Id("nothing", 1)));
    }

    [Fact]
    public void Two_processes_updating_one_object_one_saves_and_the_other_gets_a_conflict()
    {
        var id = Open().Save(NewJob("contended"));
        using var first = WorkerProcess.Start("update-one", UriFor(Table), id.ToString(), "first");
        using var second = WorkerProcess.Start("update-one", UriFor(Table), id.ToString(), "second");

        // Both hold version 1 before either saves.
        Assert.Equal("loaded", first.ReadLine());
        Assert.Equal("loaded", second.ReadLine());
        first.WriteLine("go");
        second.WriteLine("go");
        var outcomes = new[] { ("first", first.ReadToEnd()), ("second", second.ReadToEnd()) };

        var winners = outcomes.Where(o => o.Item2.SequenceEqual(["saved"])).Select(o => o.Item1).ToList();
        var losers = outcomes.Where(o => o.Item2.Count == 1 && o.Item2[0].StartsWith("conflict ", StringComparison.Ordinal)).ToList();
        Assert.True(winners.Count == 1 && losers.Count == 1, $"expected one save and one conflict, got: {string.Join(" | ", outcomes.Select(o => $"{o.Item1}: {string.Join(", ", o.Item2)}"))}");
        Assert.Contains(id.ToString(), losers[0].Item2[0], StringComparison.Ordinal);
        Assert.Equal(winners[0], Open().Load<Job>(id).Name);
        Assert.Equal(2L, Convert.ToInt64(Column("version", id)));
    }

    [Fact]
    public void A_process_killed_during_SaveMany_leaves_all_or_none_of_that_batch()
    {
        const int batchSize = 400;
        using (var worker = WorkerProcess.Start("save-batches", UriFor(Table), batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            // Let a few batches commit, then kill it while it is inside the next SaveMany.
            for (var batch = 0; batch < 4; batch++)
            {
                Assert.Equal($"batch {batch}", worker.ReadLine());
            }

            Thread.Sleep(Random.Shared.Next(1, 15));
            worker.Kill();
        }

        using var store = Open();
        var counts = store.List()
            .Select(id => store.Load<Job>(id).Name)
            .GroupBy(name => name[..name.IndexOf('-', StringComparison.Ordinal)])
            .ToDictionary(g => g.Key, g => g.Count());
        foreach (var batch in new[] { "b0", "b1", "b2" })
        {
            Assert.Equal(batchSize, counts.GetValueOrDefault(batch));
        }

        // The worker may have run ahead of what was read, but every batch is whole, and they are consecutive.
        Assert.All(counts, c => Assert.Equal(batchSize, c.Value));
        Assert.Equal(Enumerable.Range(0, counts.Count).Select(b => $"b{b}"), counts.Keys.Order(StringComparer.Ordinal).OrderBy(k => int.Parse(k[1..], System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The blob type of the database, for tables the tests create by hand.</summary>
    protected abstract string BlobType { get; }

    /// <summary>An empty blob literal.</summary>
    protected abstract string EmptyBlob { get; }

    /// <summary>A timestamp column's value as read by plain SQL (text in SQLite, timestamptz in PostgreSQL), as UTC.</summary>
    protected abstract DateTime ReadTimestamp(object? value);
}
