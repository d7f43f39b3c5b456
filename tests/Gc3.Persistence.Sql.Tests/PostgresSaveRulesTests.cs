namespace Gc3.Persistence.Sql.Tests;

/// <summary>The save rules of issue 13 on a real PostgreSQL server, one table per place.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSaveRulesTests(PostgresServer server) : SaveRulesTests
{
    protected override string UriOf(string place) => $"{server.Uri}#table={CollectionOf(place)}";

    protected override string CollectionOf(string place) => "t_" + place;

    public override void Dispose()
    {
        base.Dispose();
        foreach (var place in Places)
        {
            server.DropStore(CollectionOf(place));
        }
    }
}
