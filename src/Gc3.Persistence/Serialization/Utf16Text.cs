using System.Buffers;
using System.Runtime.CompilerServices;
using MemoryPack;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// Strings as .NET holds them: UTF-16 code units, which may include a lone surrogate (half of a pair, as
/// <c>"😀"[..1]</c> gives). UTF-8 cannot encode one: MemoryPack's UTF-8 writer throws, a database's text
/// refuses it or stores U+FFFD, a JSON writer refuses it. Such a string is written in MemoryPack's UTF-16
/// form, which every reader of a record accepts, so it comes back exactly.
/// </summary>
internal static class Utf16Text
{
    /// <summary>The index of the first lone surrogate of <paramref name="text"/>, or -1 when it is well-formed UTF-16.</summary>
    public static int IndexOfLoneSurrogate(ReadOnlySpan<char> text)
    {
        var at = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (at >= 0)
        {
            if (!char.IsHighSurrogate(text[at]) || at + 1 == text.Length || !char.IsLowSurrogate(text[at + 1]))
            {
                return at;
            }

            var next = text[(at + 2)..].IndexOfAnyInRange('\uD800', '\uDFFF');
            at = next < 0 ? -1 : at + 2 + next;
        }

        return -1;
    }

    /// <summary>Writes <paramref name="value"/> as MemoryPack's <c>WriteString</c> does (UTF-8), or in UTF-16 when it holds a lone surrogate.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, string? value)
        where TBufferWriter : IBufferWriter<byte>
    {
        // One vectorized scan; only text with surrogates at all (emoji, ...) is checked pair by pair.
        if (value is not null && value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF') && IndexOfLoneSurrogate(value) >= 0)
        {
            writer.WriteUtf16(value);
        }
        else
        {
            writer.WriteString(value);
        }
    }
}
