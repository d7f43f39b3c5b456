using System.Text;

namespace Gc3.Persistence.Generators.Helpers;

/// <summary>FNV-1a of a string's UTF-8 bytes: stable across runs, machines and .NET versions, unlike <c>string.GetHashCode</c>.</summary>
internal static class Fnv1a
{
    /// <summary>The 32-bit hash.</summary>
    public static uint Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }

    /// <summary>The 64-bit hash.</summary>
    public static ulong Hash64(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return hash;
    }
}
