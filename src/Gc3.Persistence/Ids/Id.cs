using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Gc3.Persistence;

/// <summary>
/// The identifier of a saved object: a prefix (by default the class name) and a sequence number
/// that its store never gives out twice. Written <c>Prefix.N</c>; ordered by prefix, then number.
/// </summary>
/// <remarks>
/// The prefix is made of ASCII letters, digits, <c>_</c>, <c>-</c> and <c>.</c>, starts with a letter,
/// digit or <c>_</c>, and is at most 128 characters long, so an ID is always a safe file name:
/// it can never name a path outside a store's directory.
/// </remarks>
public sealed class Id : IEquatable<Id>, IComparable<Id>, IComparable, ISpanFormattable
{
    /// <summary>The longest prefix an ID may have.</summary>
    public const int MaxPrefixLength = 128;

    private int _hashCode;

    /// <summary>Creates an ID; throws <see cref="ArgumentException"/> for an unsafe prefix or a negative number.</summary>
    public Id(string prefix, long seqNo)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (!IsValidPrefix(prefix))
        {
            throw new ArgumentException(
                $"'{Escape(prefix)}' is not a valid ID prefix: use 1 to {MaxPrefixLength} ASCII letters, digits, '_', '-' or '.', starting with a letter, digit or '_'.",
                nameof(prefix));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(seqNo);
        Prefix = prefix;
        SeqNo = seqNo;
    }

    /// <summary>Creates an ID from a prefix the caller already checked (a registered type's, or one validated before).</summary>
    internal Id(string prefix, long seqNo, bool validated)
    {
        Debug.Assert(validated && IsValidPrefix(prefix) && seqNo >= 0, "only for checked prefixes");
        Prefix = prefix;
        SeqNo = seqNo;
    }

    /// <summary>The prefix, such as <c>job</c> or <c>Executable</c>.</summary>
    public string Prefix { get; }

    /// <summary>The sequence number, unique within the store that gave it.</summary>
    public long SeqNo { get; }

    /// <summary>Whether <paramref name="prefix"/> can be the prefix of an ID.</summary>
    public static bool IsValidPrefix(ReadOnlySpan<char> prefix)
    {
        if (prefix.IsEmpty || prefix.Length > MaxPrefixLength)
        {
            return false;
        }

        if (!char.IsAsciiLetterOrDigit(prefix[0]) && prefix[0] != '_')
        {
            return false;
        }

        foreach (var c in prefix)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Parses <c>Prefix.N</c> as <see cref="ToString()"/> writes it; throws <see cref="FormatException"/>
    /// naming the text when it is not an ID. The number has no sign and no leading zeros: <c>job.01</c>
    /// is not an ID, since every ID has exactly one spelling (its file name in a file store).
    /// </summary>
    public static Id Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var id)
            ? id
            : throw new FormatException($"'{Escape(text)}' is not an ID: expected PREFIX.NUMBER, such as 'job.42', with a prefix of ASCII letters, digits, '_', '-' or '.'.");
    }

    /// <summary>Parses <c>Prefix.N</c> as <see cref="Parse"/> does, returning <see langword="false"/> for anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Id? id) => TryParse(text.AsSpan(), out id);

    /// <summary>Parses <c>Prefix.N</c> as <see cref="Parse"/> does, returning <see langword="false"/> for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out Id? id)
    {
        id = TryParseParts(text, out var prefix, out var seqNo) ? new Id(prefix.ToString(), seqNo, validated: true) : null;
        return id is not null;
    }

    // Splits PREFIX.NUMBER into its valid parts, without making an Id (or a string) of them.
    internal static bool TryParseParts(ReadOnlySpan<char> text, out ReadOnlySpan<char> prefix, out long seqNo)
    {
        prefix = default;
        seqNo = 0;
        var dot = text.LastIndexOf('.');
        if (dot <= 0 || dot == text.Length - 1)
        {
            return false;
        }

        var digits = text[(dot + 1)..];
        if (!IsCanonicalNumber(digits))
        {
            return false;
        }

        prefix = text[..dot];
        return IsValidPrefix(prefix) && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out seqNo);
    }

    // Whether TEXT is a number as ToString writes it: ASCII digits, no sign, no leading zero (but "0"
    // itself). One ID has one name: otherwise Node.1 and Node.01 would be two files of one record.
    private static bool IsCanonicalNumber(ReadOnlySpan<char> digits)
    {
        if (digits.Length > 1 && digits[0] == '0')
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    // Whether TEXT would be an ID but for zeros before its number (Node.01), a name that is no record's.
    internal static bool IsPaddedId(ReadOnlySpan<char> text)
    {
        var dot = text.LastIndexOf('.');
        var digits = text[(dot + 1)..];
        return dot > 0 && digits.Length > 1 && digits[0] == '0' && IsCanonicalNumber(digits.TrimStart('0')) && IsValidPrefix(text[..dot]);
    }

    // Whether TEXT, which is no ID, is named as a record would be but for its number (Node.-1, Node.1x, Node.,
    // Node.99999999999999999999) or its prefix (-Node.1): a record renamed by hand or a damaged name, not some other file
    // (readme.txt, .gc3-next-id, a temporary '.Node.1.<guid>.tmp').
    internal static bool LooksLikeId(ReadOnlySpan<char> text)
    {
        var dot = text.LastIndexOf('.');
        if (dot <= 0 || text[0] == '.')
        {
            return false;
        }

        var number = text[(dot + 1)..];
        return number.IsEmpty || char.IsAsciiDigit(number[0]) || (number[0] is '-' or '+' && number.Length > 1 && char.IsAsciiDigit(number[1]));
    }

    /// <inheritdoc/>
    public bool Equals(Id? other) => other is not null && SeqNo == other.SeqNo && string.Equals(Prefix, other.Prefix, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Id other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        // An ID is hashed several times per save or load (identity map, the operation's own maps,
        // the store's), so the hash is kept once computed; 0 means "not yet".
        var hash = _hashCode;
        if (hash == 0)
        {
            hash = HashOf(Prefix, SeqNo);
            _hashCode = hash;
        }

        return hash;
    }

    // The hash of the ID with this prefix and number; never 0, which marks a hash not computed yet.
    internal static int HashOf(string prefix, long seqNo) => HashCode.Combine(string.GetHashCode(prefix, StringComparison.Ordinal), seqNo) | 1;

    /// <summary>Orders by prefix (ordinal), then by sequence number; <see langword="null"/> comes first.</summary>
    public int CompareTo(Id? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byPrefix = string.CompareOrdinal(Prefix, other.Prefix);
        return byPrefix != 0 ? byPrefix : SeqNo.CompareTo(other.SeqNo);
    }

    int IComparable.CompareTo(object? obj) => obj switch
    {
        null => 1,
        Id other => CompareTo(other),
        _ => throw new ArgumentException("Object must be an Id.", nameof(obj)),
    };

    /// <summary>The ID as <c>Prefix.N</c>, which is also its file name in a file store.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}.{SeqNo}");

    /// <inheritdoc/>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <inheritdoc/>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider)
        => destination.TryWrite(CultureInfo.InvariantCulture, $"{Prefix}.{SeqNo}", out charsWritten);

    /// <summary>Equality of value.</summary>
    public static bool operator ==(Id? left, Id? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality of value.</summary>
    public static bool operator !=(Id? left, Id? right) => !(left == right);

    /// <summary>Ordering.</summary>
    public static bool operator <(Id? left, Id? right) => left is null ? right is not null : left.CompareTo(right) < 0;

    /// <summary>Ordering.</summary>
    public static bool operator >(Id? left, Id? right) => left is not null && left.CompareTo(right) > 0;

    /// <summary>Ordering.</summary>
    public static bool operator <=(Id? left, Id? right) => !(left > right);

    /// <summary>Ordering.</summary>
    public static bool operator >=(Id? left, Id? right) => !(left < right);

    // Error messages quote user input; keep control characters from garbling a terminal or a log.
    internal static string Escape(string text)
    {
        var shown = text.Length > 80 ? text[..80] + "..." : text;
        return string.Concat(shown.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}
