namespace Gc3.Persistence.Generators.Model;

/// <summary>How a <c>[StoreColumn]</c> member's value becomes the value of its column.</summary>
internal enum ColumnConversion
{
    /// <summary>As it is (a string, a <see cref="System.DateTime"/>, a <see cref="ulong"/>: the store checks that it fits its column).</summary>
    None,

    /// <summary>Its text (an enum's name, a char, a Guid).</summary>
    ToText,

    /// <summary>Widened to a 64-bit integer (an integral number other than <see cref="ulong"/>).</summary>
    ToInt64,

    /// <summary>A bool as the integer 1 or 0.</summary>
    BooleanToInt64,

    /// <summary>Converted to a double (float, double, decimal).</summary>
    ToDouble,

    /// <summary>A <see cref="System.DateTimeOffset"/> as its UTC <see cref="System.DateTime"/>.</summary>
    ToUtcDateTime,
}
