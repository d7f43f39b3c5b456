using System.Text;

namespace Gc3.Persistence.Generators.Helpers;

/// <summary>32-bit FNV-1a of a string's UTF-8 bytes: stable across runs, machines and .NET versions, unlike <c>string.GetHashCode</c>.</summary>
internal static class Fnv1a
{
    public static uint Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash;
    }
}
