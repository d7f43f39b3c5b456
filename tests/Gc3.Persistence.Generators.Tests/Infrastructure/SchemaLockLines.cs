namespace Gc3.Persistence.Generators.Tests.Infrastructure;

/// <summary>
/// The layout of a schema lock (persistence.lock.json), which keeps its diffs to the types that changed: an
/// opening line, then one type's schema document a line, then a closing line. Linked into the packaging tests,
/// whose real build writes a lock too.
/// </summary>
public static class SchemaLockLines
{
    /// <summary>The document lines of <paramref name="lockText"/>, after checking the opening and closing lines around them.</summary>
    public static string[] Documents(string lockText)
    {
        var lines = lockText.Split('\n');
        Assert.Equal("{\"format\":1,\"schemas\":[", lines[0]);
        Assert.Equal(["]}", ""], lines[^2..]);
        return lines[1..^2];
    }
}
