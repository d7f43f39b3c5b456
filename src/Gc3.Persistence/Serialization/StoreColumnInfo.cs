namespace Gc3.Persistence.Serialization;

/// <summary>A column declared with <see cref="StoreColumnAttribute"/>, as the generator found it.</summary>
/// <param name="Name">The column name.</param>
/// <param name="Kind">The kind of value it holds.</param>
/// <param name="MemberName">The member it is read from.</param>
public sealed record StoreColumnInfo(string Name, StoreColumnKind Kind, string MemberName);
