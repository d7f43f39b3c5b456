namespace Gc3.Persistence.Sql;

/// <summary>
/// 64-bit FNV-1a of a string's UTF-16 code units: the same in every process and .NET version (unlike
/// <c>string.GetHashCode</c>). Its values outlive a process: they end the names of long indexes in existing
/// databases and key the advisory locks processes take on one table, so they must never change.
/// </summary>
internal static class StableHash
{
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        return hash;
    }
}
