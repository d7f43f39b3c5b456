using System.ComponentModel;
using MemoryPack;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// MemoryPack's string formatter with the header checked first (see <see cref="MemberFraming.ReadString"/>):
/// registered for <c>string</c> when the first persistable type registers, so every string MemoryPack's
/// own formatters read (in a <c>List&lt;string&gt;</c>, a <c>string[]</c>, a dictionary's keys and values)
/// is checked against the bytes that remain. The bytes it reads and writes are MemoryPack's (a string holding a
/// lone surrogate in UTF-16, which UTF-8 cannot encode: see <see cref="Utf16Text"/>). Strings a
/// <c>[MemoryPackable]</c> type's generated code reads directly do not pass through it (see
/// docs/record-format.md, "Reading").
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CheckedStringFormatter : MemoryPackFormatter<string>
{
    /// <summary>The one instance.</summary>
    public static readonly CheckedStringFormatter Instance = new();

    /// <inheritdoc/>
    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref string? value)
        => Utf16Text.Write(ref writer, value);

    /// <inheritdoc/>
    public override void Deserialize(ref MemoryPackReader reader, scoped ref string? value)
        => value = MemberFraming.ReadString(ref reader);
}
