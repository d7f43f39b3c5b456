namespace Gc3.Persistence.Generators.Helpers;

/// <summary>Builds an <see cref="EquatableArray{T}"/> from a sequence.</summary>
internal static class EquatableArrayExtensions
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items.ToArray());
}
