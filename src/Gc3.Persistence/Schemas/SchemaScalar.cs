namespace Gc3.Persistence.Schemas;

/// <summary>The scalars of the shape grammar, each named in a shape string as its lowercase name (<c>int32</c>, <c>datetime</c>).</summary>
public enum SchemaScalar
{
    /// <summary>No scalar: the shape is not <see cref="SchemaShapeKind.Scalar"/>.</summary>
    None,

    /// <summary><c>bool</c>: one byte, 0 or 1.</summary>
    Bool,

    /// <summary><c>byte</c>.</summary>
    Byte,

    /// <summary><c>sbyte</c>.</summary>
    SByte,

    /// <summary><c>int16</c>.</summary>
    Int16,

    /// <summary><c>uint16</c>.</summary>
    UInt16,

    /// <summary><c>int32</c>.</summary>
    Int32,

    /// <summary><c>uint32</c>.</summary>
    UInt32,

    /// <summary><c>int64</c>.</summary>
    Int64,

    /// <summary><c>uint64</c>.</summary>
    UInt64,

    /// <summary><c>int128</c>.</summary>
    Int128,

    /// <summary><c>uint128</c>.</summary>
    UInt128,

    /// <summary><c>float16</c> (<see cref="System.Half"/>).</summary>
    Float16,

    /// <summary><c>float32</c>.</summary>
    Float32,

    /// <summary><c>float64</c>.</summary>
    Float64,

    /// <summary><c>decimal</c>.</summary>
    Decimal,

    /// <summary><c>char</c>: one UTF-16 code unit.</summary>
    Char,

    /// <summary><c>datetime</c>.</summary>
    DateTime,

    /// <summary><c>datetimeoffset</c>.</summary>
    DateTimeOffset,

    /// <summary><c>timespan</c>.</summary>
    TimeSpan,

    /// <summary><c>dateonly</c>.</summary>
    DateOnly,

    /// <summary><c>timeonly</c>.</summary>
    TimeOnly,

    /// <summary><c>guid</c>.</summary>
    Guid,

    /// <summary><c>biginteger</c>: a length-prefixed two's-complement byte array.</summary>
    BigInteger,

    /// <summary><c>uri</c>: its original string and, when not null, whether it is absolute.</summary>
    Uri,
}
