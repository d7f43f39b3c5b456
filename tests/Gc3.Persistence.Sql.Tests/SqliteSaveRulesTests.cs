namespace Gc3.Persistence.Sql.Tests;

/// <summary>The save rules of issue 13 on SQLite, one database file and table per place.</summary>
public sealed class SqliteSaveRulesTests : SaveRulesTests
{
    private readonly TemporaryDirectory _directory = new("sqlite-save-rules");

    protected override string UriOf(string place) => "sqlite://" + _directory.Combine(place + ".db") + "#table=" + CollectionOf(place);

    protected override string CollectionOf(string place) => "t_" + place;

    public override void Dispose()
    {
        base.Dispose();
        _directory.Dispose();
    }
}
