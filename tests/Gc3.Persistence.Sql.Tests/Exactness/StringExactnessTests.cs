namespace Gc3.Persistence.Sql.Tests.Exactness;

/// <summary>
/// .NET strings are UTF-16 code units and may hold a lone surrogate (half of a pair: <c>"😀"[..1]</c>), which UTF-8
/// cannot encode: MemoryPack's UTF-8 writer threw on it, so such a string made the save fail. Each string in a record
/// comes back exactly, on every store.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StringExactnessTests(PostgresServer server) : TemporaryDirectoryTests("strings")
{
    private static readonly string[] Edges = ["\uD83D", "\uDE00", "a\uDC00b\uD800", "\uD83D\uDE00\uD83D", "\0", "x\0y", "\uFFFD", "", new string('é', 100_000) + "\uDBFF"];

    public static TheoryData<string> Kinds => ["file", "sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Strings_with_lone_surrogates_and_U0000_come_back_exactly_wherever_the_record_holds_them(string kind)
    {
        var table = "strings_" + Guid.NewGuid().ToString("N")[..8];
        IStore Open() => kind == "postgres" ? StoreFactory.Make(server.Uri + "#table=" + table) : StoreKinds.Open(kind, Folder);

        var ids = new List<(Id Id, string Text)>();
        try
        {
            using (var store = Open())
            {
                foreach (var text in Edges)
                {
                    var edges = new TextEdges
                    {
                        Text = text, List = [text, null], Dictionary = new() { [text] = text }, Array = [text, null], Set = [text], Keys = new() { [text + "k"] = 1 }, Char = text.Length > 0 ? text[0] : 'x',
                    };
                    ids.Add((store.Save(edges), text));
                }
            }

            using var reopened = Open();
            foreach (var (id, text) in ids)
            {
                var loaded = reopened.Load<TextEdges>(id);
                Assert.Equal(text, loaded.Text, StringComparer.Ordinal);
                Assert.Equal([text, null], loaded.List, StringComparer.Ordinal);
                Assert.Equal(text, Assert.Single(loaded.Dictionary, p => string.Equals(p.Key, text, StringComparison.Ordinal)).Value, StringComparer.Ordinal);
                Assert.Equal([text, null], loaded.Array, StringComparer.Ordinal);
                Assert.Equal(text, Assert.Single(loaded.Set), StringComparer.Ordinal);
                Assert.Equal(text + "k", Assert.Single(loaded.Keys).Key, StringComparer.Ordinal);
                Assert.Equal(text.Length > 0 ? text[0] : 'x', loaded.Char);
            }
        }
        finally
        {
            if (kind == "postgres")
            {
                server.DropStore(table);
            }
        }
    }

    [Fact]
    public void A_lone_surrogate_inside_a_MemoryPackable_value_fails_the_save_naming_the_record_and_saves_nothing()
    {
        using var store = StoreFactory.Make("file://" + Folder.Combine("boxes"));
        var boxed = new BoxedText { Box = new TextBox { Text = "ok\uD800" } };

        var e = Assert.Throws<InvalidOperationException>(() => store.Save(boxed));

        Assert.Contains("'BoxedText.", e.Message, StringComparison.Ordinal);
        Assert.Contains("lone surrogate", e.Message, StringComparison.Ordinal);
        Assert.Contains("[MemoryPackable]", e.Message, StringComparison.Ordinal);
        Assert.Empty(store.List());
        boxed.Box.Text = "ok";
        store.Save(boxed);
        Assert.Single(store.List());
    }
}
