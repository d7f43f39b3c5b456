using System.Runtime.CompilerServices;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// The bytes a scalar takes in a record (MemoryPack writes unmanaged values as they lie in memory), measured
/// on this runtime rather than assumed: size, alignment, and the size of its <c>Nullable&lt;T&gt;</c> and
/// where the value lies in it.
/// </summary>
internal static class ScalarLayout
{
    private static readonly (int Size, int Align, int NullableSize, int NullableValueOffset)[] Layouts = Measure();

    /// <summary>The size in bytes, or -1 for a scalar of variable length (biginteger, uri).</summary>
    public static int Size(SchemaScalar scalar) => Layouts[(int)scalar].Size;

    /// <summary>The alignment in bytes.</summary>
    public static int Align(SchemaScalar scalar) => Layouts[(int)scalar].Align;

    /// <summary>The size of the scalar's <c>Nullable&lt;T&gt;</c>.</summary>
    public static int NullableSize(SchemaScalar scalar) => Layouts[(int)scalar].NullableSize;

    /// <summary>Where the value lies in the scalar's <c>Nullable&lt;T&gt;</c> (the <c>HasValue</c> byte is at 0).</summary>
    public static int NullableValueOffset(SchemaScalar scalar) => Layouts[(int)scalar].NullableValueOffset;

    /// <summary>Whether the scalar is an integer type (an enum's possible underlying types and the 128-bit ones).</summary>
    public static bool IsInteger(SchemaScalar scalar) => scalar is >= SchemaScalar.Byte and <= SchemaScalar.UInt128;

    /// <summary>Whether the integer scalar is signed.</summary>
    public static bool IsSigned(SchemaScalar scalar) => scalar is SchemaScalar.SByte or SchemaScalar.Int16 or SchemaScalar.Int32 or SchemaScalar.Int64 or SchemaScalar.Int128;

    /// <summary>Whether the scalar's layout is the same on every runtime (<c>DateTimeOffset</c> is declared with automatic layout).</summary>
    public static bool IsFixedLayout(SchemaScalar scalar) => scalar is not (SchemaScalar.DateTimeOffset or SchemaScalar.BigInteger or SchemaScalar.Uri);

    private static (int, int, int, int)[] Measure()
    {
        var layouts = new (int, int, int, int)[(int)SchemaScalar.Uri + 1];
        layouts[(int)SchemaScalar.Bool] = Of<bool>();
        layouts[(int)SchemaScalar.Byte] = Of<byte>();
        layouts[(int)SchemaScalar.SByte] = Of<sbyte>();
        layouts[(int)SchemaScalar.Int16] = Of<short>();
        layouts[(int)SchemaScalar.UInt16] = Of<ushort>();
        layouts[(int)SchemaScalar.Int32] = Of<int>();
        layouts[(int)SchemaScalar.UInt32] = Of<uint>();
        layouts[(int)SchemaScalar.Int64] = Of<long>();
        layouts[(int)SchemaScalar.UInt64] = Of<ulong>();
        layouts[(int)SchemaScalar.Int128] = Of<Int128>();
        layouts[(int)SchemaScalar.UInt128] = Of<UInt128>();
        layouts[(int)SchemaScalar.Float16] = Of<Half>();
        layouts[(int)SchemaScalar.Float32] = Of<float>();
        layouts[(int)SchemaScalar.Float64] = Of<double>();
        layouts[(int)SchemaScalar.Decimal] = Of<decimal>();
        layouts[(int)SchemaScalar.Char] = Of<char>();
        layouts[(int)SchemaScalar.DateTime] = Of<DateTime>();
        layouts[(int)SchemaScalar.DateTimeOffset] = Of<DateTimeOffset>();
        layouts[(int)SchemaScalar.TimeSpan] = Of<TimeSpan>();
        layouts[(int)SchemaScalar.DateOnly] = Of<DateOnly>();
        layouts[(int)SchemaScalar.TimeOnly] = Of<TimeOnly>();
        layouts[(int)SchemaScalar.Guid] = Of<Guid>();
        layouts[(int)SchemaScalar.BigInteger] = (-1, 1, -1, -1);
        layouts[(int)SchemaScalar.Uri] = (-1, 1, -1, -1);
        return layouts;
    }

    private static (int, int, int, int) Of<T>()
        where T : unmanaged
    {
        T? probe = default(T);
        ref readonly var value = ref Nullable.GetValueRefOrDefaultRef(in probe);
        var offset = (int)Unsafe.ByteOffset(ref Unsafe.As<T?, byte>(ref probe), ref Unsafe.As<T, byte>(ref Unsafe.AsRef(in value)));
        return (Unsafe.SizeOf<T>(), Unsafe.SizeOf<AlignProbe<T>>() - Unsafe.SizeOf<T>(), Unsafe.SizeOf<T?>(), offset);
    }

    private struct AlignProbe<T>
        where T : unmanaged
    {
#pragma warning disable CS0649 // measured, never used
        public byte Before;
        public T Value;
#pragma warning restore CS0649
    }
}
