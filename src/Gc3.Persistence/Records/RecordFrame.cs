namespace Gc3.Persistence.Records;

/// <summary>The header fields of one record whose framing <see cref="RecordFormat.ReadFrame"/> checked.</summary>
/// <param name="Version">The format version: 1 or 2.</param>
/// <param name="Tag">The type tag, as the UTF-8 bytes the record holds.</param>
/// <param name="IdPrefix">The prefix of the ID the record names (empty in version 1), as the bytes it holds.</param>
/// <param name="IdNumber">The number of the ID the record names (0 in version 1).</param>
/// <param name="SchemaHash">The hash of the schema that wrote the record; 0 for none (always in version 1).</param>
/// <param name="Body">Where the body lies in the record.</param>
internal readonly ref struct RecordFrame(byte Version, ReadOnlySpan<byte> Tag, ReadOnlySpan<byte> IdPrefix, long IdNumber, ulong SchemaHash, Range Body)
{
    public byte Version { get; } = Version;

    public ReadOnlySpan<byte> Tag { get; } = Tag;

    public ReadOnlySpan<byte> IdPrefix { get; } = IdPrefix;

    public long IdNumber { get; } = IdNumber;

    public ulong SchemaHash { get; } = SchemaHash;

    public Range Body { get; } = Body;
}
