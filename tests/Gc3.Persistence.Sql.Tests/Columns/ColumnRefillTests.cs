using Gc3.Persistence.Serialization;
using Gc3.Persistence.Sql.Tests.Model;

namespace Gc3.Persistence.Sql.Tests.Columns;

/// <summary>
/// <see cref="SqlStore.RefillColumns"/>, and the fill of columns added later, on SQLite and on a real PostgreSQL server:
/// a store that does not know a column (an older process, fewer extra fields) leaves rows whose column lies, until a
/// refill writes each row's columns from its record, as stored, whatever objects the filling store holds.
/// </summary>
public abstract class ColumnRefillTests(ITestDatabase database) : SqlTableTests("fill", database)
{
    private static readonly StoreOptions WithCores = new SqlStoreOptions
    {
        ExtraFields = [new SqlExtraField("cores", StoreColumnKind.Integer, o => o is Job job ? job.Cores : null)],
    };

    [Fact]
    public void Rows_a_store_without_the_column_wrote_are_right_after_RefillColumns()
    {
        using var knowing = Open(WithCores);
        var updated = knowing.Save(NewJob("updated", cores: 2));

        // A process that does not know the column: it updates one row and inserts another.
        using (var older = Open())
        {
            var job = older.Load<Job>(updated);
            job.Cores = 16;
            older.Save(job);
            var inserted = older.Save(NewJob("inserted", cores: 4));

            // What the docs say it leaves: the updated row keeps the old value, the inserted one NULL.
            Assert.Equal(2L, Convert.ToInt64(Cores(updated)));
            Assert.Null(Cores(inserted));
            Assert.Equal([updated], knowing.ListWhere("cores", 2));

            // The knowing store still holds the job it saved with 2 cores: the refill reads the record, not that object.
            knowing.RefillColumns();
            Assert.Equal(16L, Convert.ToInt64(Cores(updated)));
            Assert.Equal(4L, Convert.ToInt64(Cores(inserted)));
            Assert.Empty(knowing.ListWhere("cores", 2));
            Assert.Equal([updated], knowing.ListWhere("cores", 16));
            Assert.Equal([inserted], knowing.ListWhere("cores", 4));
        }

        Assert.Equal(0L, Convert.ToInt64(Scalar($"SELECT COUNT(*) FROM \"{Table}_fill\"")));
    }

    [Fact]
    public async Task The_fill_writes_what_the_record_holds_not_a_change_not_saved_yet()
    {
        using var store = Open();
        var id = store.Save(new Sample { Label = "abcde" });
        var held = store.Load<Sample>(id);
        held.Label = "xy"; // changed in memory, never saved

        await store.RefillColumnsAsync();

        Assert.Equal(5L, Convert.ToInt64(Scalar($"SELECT label_length FROM \"{Table}\" WHERE id = @id", ("@id", id.ToString()))));
        Assert.Equal([id], store.ListWhere("label_length", 5));
        Assert.Same(held, store.Load<Sample>(id)); // the refill left the store's objects as they were
        Assert.Equal("xy", held.Label);
    }

    [Fact]
    public void A_disposed_store_refuses_to_refill()
    {
        var store = Open();
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(store.RefillColumns);
    }

    private static Job NewJob(string name, int cores)
        => new() { Name = name, Cores = cores, Executable = new Executable { Path = "/bin/" + name, Version = "1", Checksum = "c" } };

    private object? Cores(Id id) => Scalar($"SELECT cores FROM \"{Table}\" WHERE id = @id", ("@id", id.ToString()));
}
