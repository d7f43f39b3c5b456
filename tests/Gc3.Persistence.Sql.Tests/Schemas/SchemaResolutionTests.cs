using System.Data.Common;
using Gc3.Persistence.TestModel;
using Microsoft.Data.Sqlite;

namespace Gc3.Persistence.Sql.Tests.Schemas;

/// <summary>
/// The rows of the version 1 fixture database (<c>Records/schema-v1/store.db</c>, written with stored schemas
/// by <c>tests/Gc3.Persistence.SchemaFixtures.V1</c>) copied as they are into a store's table and schema table,
/// then loaded with the version 2 types: resolution on every SQL store (issue 15 §3).
/// </summary>
public abstract class SchemaResolutionTests : IDisposable
{
    /// <summary>The fixture database, as version 1 wrote it.</summary>
    protected static readonly string FixtureDatabase = Path.Combine(AppContext.BaseDirectory, "Records", "schema-v1", "store.db");

    /// <summary>The table of this test.</summary>
    protected string Table { get; } = "t_" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The store URI of <paramref name="table"/>.</summary>
    protected abstract string UriFor(string table);

    /// <summary>A plain connection to the store's database.</summary>
    protected abstract DbConnection OpenRawConnection();

    /// <summary>Drops the test's tables.</summary>
    protected abstract void DropTables();

    public virtual void Dispose()
    {
        DropTables();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Version_1_rows_copied_in_load_into_version_2_by_the_resolution_rules()
    {
        CopyFixtureRows();
        using var store = StoreFactory.Make(UriFor(Table));

        var first = store.Load<EvolvedJob>(Id.Parse("EvolvedJob.1"));

        AssertResolved(first);
        AssertErrors(store);
    }

    /// <summary>What EvolvedJob.1 and EvolvedJob.2 load as (tests/Gc3.Persistence.Tests/Schemas/EvolvedFixtures.cs says the same for the file store).</summary>
    protected static void AssertResolved(EvolvedJob first)
    {
        Assert.Equal(("first", (long)int.MaxValue, 16_777_217d, 4_000_000_000L), (first.Name, first.Count, first.Ratio, first.Size));
        Assert.Equal((9, 4, EvolvedKind.Interactive, "Review"), (first.Priority, first.Retries, first.Kind, first.Stage));
        Assert.Equal(EvolvedState.Submitted, first.State); // Queued was inserted before it
        Assert.Equal([EvolvedState.New, EvolvedState.Submitted, EvolvedState.Running], first.History);
        Assert.Equal(["a", "b"], first.Tags);
        Assert.Equal([1L, -2L, int.MaxValue], first.Scores);
        Assert.Equal(8L, first.Limits["cpu"]);
        Assert.Equal((int.MinValue, "box"), (first.Details!.Count, first.Details.Label));
        Assert.Equal(7, first.Added);
        var second = first.Next!;
        Assert.Equal(("second", (long)uint.MaxValue, EvolvedColor.Unknown), (second.Name, second.Size, second.Color));
    }

    /// <summary>The fixture's unresolvable records fail naming the member; their resolvable siblings load.</summary>
    protected static void AssertErrors(IStore store)
    {
        var type = Assert.Throws<LoadException>(() => store.Load<BrokenTypeChange>(Id.Parse("BrokenTypeChange.3")));
        Assert.Contains("'BrokenTypeChange.3'", type.Message, StringComparison.Ordinal);
        Assert.Contains("the member 'Name' of Gc3.Persistence.TestModel.BrokenTypeChange was written as string and is declared int32 now", type.Message, StringComparison.Ordinal);
        Assert.Contains("holds null", Assert.Throws<LoadException>(() => store.Load<BrokenNullChange>(Id.Parse("BrokenNullChange.4"))).Message, StringComparison.Ordinal);
        Assert.Equal(12, store.Load<BrokenNullChange>(Id.Parse("BrokenNullChange.5")).Value);
        Assert.Contains("'Archived', which Gc3.Persistence.TestModel.EvolvedKind no longer has", Assert.Throws<LoadException>(() => store.Load<BrokenEnumChange>(Id.Parse("BrokenEnumChange.6"))).Message, StringComparison.Ordinal);
        Assert.Equal(EvolvedKind.Interactive, store.Load<BrokenEnumChange>(Id.Parse("BrokenEnumChange.7")).Kind);
    }

    // The store's tables made by the store itself, then the fixture's records and schemas copied in as bytes.
    private void CopyFixtureRows()
    {
        using (var store = StoreFactory.Make(UriFor(Table)))
        {
            store.Save(new Executable { Path = "/bin/true", Version = "1", Checksum = "c" }); // creates the record and schema tables
        }

        using var fixture = new SqliteConnection($"Data Source={FixtureDatabase};Mode=ReadOnly;Pooling=False");
        fixture.Open();
        using var target = OpenRawConnection();
        Copy(fixture, "SELECT prefix, seqno, id, tag, data, version FROM store", target, $"INSERT INTO \"{Table}\" (prefix, seqno, id, tag, data, version) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)");
        Copy(fixture, "SELECT hash, tag, document FROM store_schema", target, $"INSERT INTO \"{Table}_schema\" (hash, tag, document) VALUES (@p0, @p1, @p2)");
    }

    private static void Copy(SqliteConnection source, string select, DbConnection target, string insert)
    {
        using var query = source.CreateCommand();
        query.CommandText = select;
        using var rows = query.ExecuteReader();
        while (rows.Read())
        {
            using var command = target.CreateCommand();
            command.CommandText = insert;
            for (var i = 0; i < rows.FieldCount; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i;
                parameter.Value = rows.GetValue(i);
                command.Parameters.Add(parameter);
            }

            Assert.Equal(1, command.ExecuteNonQuery());
        }
    }
}
