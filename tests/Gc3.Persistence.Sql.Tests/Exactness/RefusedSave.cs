namespace Gc3.Persistence.Sql.Tests.Exactness;

/// <summary>The check every "cannot be kept exactly" refusal shares: the save fails naming the record and why, and writes nothing.</summary>
internal static class RefusedSave
{
    /// <summary>
    /// Asserts that saving <paramref name="obj"/> (stored as <paramref name="id"/>) fails naming it, <paramref name="reason"/>
    /// and that nothing was saved; returns the record as a store opened anew at <paramref name="uri"/> loads it.
    /// </summary>
    public static T AssertRefused<T>(IStore store, T obj, Id id, string reason, string uri)
        where T : class
    {
        var e = Assert.Throws<InvalidOperationException>(() => store.Save(obj));

        Assert.Contains($"'{id}'", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", e.Message, StringComparison.Ordinal);
        using var reopened = StoreFactory.Make(uri);
        return reopened.Load<T>(id);
    }
}
