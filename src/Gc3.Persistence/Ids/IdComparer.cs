namespace Gc3.Persistence;

/// <summary>
/// Compares IDs, and finds an <see cref="Id"/> key of a dictionary from its prefix and number
/// without making an <see cref="Id"/>: a load resolves every reference of a record by ID, and most
/// of them name an object it already has.
/// </summary>
internal sealed class IdComparer : IEqualityComparer<Id>, IAlternateEqualityComparer<(string Prefix, long SeqNo), Id>
{
    public static readonly IdComparer Instance = new();

    public bool Equals(Id? x, Id? y) => x == y;

    public int GetHashCode(Id obj) => obj.GetHashCode();

    public bool Equals((string Prefix, long SeqNo) alternate, Id other)
        => alternate.SeqNo == other.SeqNo && string.Equals(alternate.Prefix, other.Prefix, StringComparison.Ordinal);

    public int GetHashCode((string Prefix, long SeqNo) alternate) => Id.HashOf(alternate.Prefix, alternate.SeqNo);

    public Id Create((string Prefix, long SeqNo) alternate) => new(alternate.Prefix, alternate.SeqNo);
}
