using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Gc3.Persistence.Records;

/// <summary>CRC-32C (Castagnoli) of a record, on the CPU's carry-less multiply or CRC instruction.</summary>
/// <remarks>
/// Every save and load checksums a whole record, so this is on the hot path. Two ways, both exact:
/// <list type="bullet">
/// <item><b>Folding</b> (x64 with AVX-512 and VPCLMULQDQ, records of <see cref="FoldThreshold"/> bytes
/// or more). The CRC only depends on the data as a polynomial modulo the CRC polynomial P, so a
/// 16-byte block A followed by S bytes can be replaced by A·x^(8S) mod P placed where those S bytes
/// end: two carry-less multiplications by constants and an xor. Four blocks per 512-bit register,
/// two registers side by side, fold 128 bytes per step with no table; what remains (one block and
/// a tail of under 16 bytes) goes through the CRC instruction.</item>
/// <item><b>Interleaving</b> (everywhere else). The CRC instruction takes three cycles but the CPU can
/// start one per cycle, so records are cut into chunks of three blocks whose CRCs are computed side
/// by side and then combined: the CRC of <c>A||B</c> is the CRC of <c>A</c> carried over <c>|B|</c>
/// zero bytes, xor the CRC of <c>B</c> started from zero, and carrying over a fixed number of zero
/// bytes is linear, so it is four table lookups.</item>
/// </list>
/// </remarks>
internal static class Crc32C
{
    /// <summary>The shortest input folded (what the two registers load first; from there folding is faster): shorter ones are interleaved.</summary>
    internal const int FoldThreshold = 128;

    private const int BlockSize = 64;
    private const int ChunkSize = 3 * BlockSize;

    // The CRC-32C polynomial, bit-reflected: bit i is the coefficient of x^(31 - i), as the CRC instruction keeps its register.
    private const uint ReflectedPolynomial = 0x82F63B78;

    // Carry a register over BlockSize (first 4 x 256 entries) or 2 x BlockSize zero bytes (the next 4 x 256).
    private static readonly uint[] CarryTables = BuildCarryTables();

    // Folding constants for S = 128, 64, 16 bytes, and the four lanes of a 512-bit register onto its last (48, 32, 16, 0).
    private static readonly Vector128<ulong> Fold128 = FoldConstants(128);
    private static readonly Vector128<ulong> Fold64 = FoldConstants(64);
    private static readonly Vector128<ulong> Fold16 = FoldConstants(16);
    private static readonly Vector512<ulong> FoldLanes = Vector512.Create(
        Vector256.Create(FoldConstants(48), FoldConstants(32)),
        Vector256.Create(FoldConstants(16), FoldConstants(0)));

    // Whether this CPU can fold: a constant to the JIT, so elsewhere the folding is never compiled.
    private static bool CanFold => Pclmulqdq.V512.IsSupported && Avx512F.IsSupported;

    /// <summary>The standard CRC-32C (initial value and final xor all ones).</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
        => ~(CanFold && data.Length >= FoldThreshold ? Folded(data) : Interleaved(uint.MaxValue, data));

    /// <summary>The interleaved way, whatever the CPU can do (tests cover it on folding CPUs too).</summary>
    internal static uint ComputeInterleaved(ReadOnlySpan<byte> data) => ~Interleaved(uint.MaxValue, data);

    // The CRC register after data, from crc: the CRC instruction, three chunks side by side.
    private static uint Interleaved(uint crc, ReadOnlySpan<byte> data)
    {
        ref var next = ref MemoryMarshal.GetReference(data);
        var left = data.Length;
        while (left >= ChunkSize)
        {
            uint a = crc, b = 0, c = 0;
            for (var i = 0; i < BlockSize; i += sizeof(ulong))
            {
                a = BitOperations.Crc32C(a, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref next, i)));
                b = BitOperations.Crc32C(b, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref next, BlockSize + i)));
                c = BitOperations.Crc32C(c, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref next, (2 * BlockSize) + i)));
            }

            crc = Carry(a, 4 * 256) ^ Carry(b, 0) ^ c;
            next = ref Unsafe.Add(ref next, ChunkSize);
            left -= ChunkSize;
        }

        for (; left >= sizeof(ulong); left -= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, Unsafe.ReadUnaligned<ulong>(ref next));
            next = ref Unsafe.Add(ref next, sizeof(ulong));
        }

        for (; left > 0; left--)
        {
            crc = BitOperations.Crc32C(crc, next);
            next = ref Unsafe.Add(ref next, 1);
        }

        return crc;
    }

    // The CRC register after data (at least FoldThreshold bytes), from all ones, by folding.
    private static uint Folded(ReadOnlySpan<byte> data)
    {
        ref var start = ref MemoryMarshal.GetReference(data);
        var length = (nuint)data.Length;

        // The initial register, xored into the first four bytes, starts the CRC as it does the instruction.
        var x0 = Vector512.LoadUnsafe(ref start).AsUInt64() ^ Vector512.CreateScalar(uint.MaxValue).AsUInt64();
        var x1 = Vector512.LoadUnsafe(ref start, 64).AsUInt64();
        nuint at = 128;
        var k128 = Vector512.Create(Fold128);
        for (; length - at >= 128; at += 128)
        {
            x0 = Fold(x0, k128, Vector512.LoadUnsafe(ref start, at).AsUInt64());
            x1 = Fold(x1, k128, Vector512.LoadUnsafe(ref start, at + 64).AsUInt64());
        }

        var k64 = Vector512.Create(Fold64);
        var x = Fold(x0, k64, x1);
        if (length - at >= 64)
        {
            x = Fold(x, k64, Vector512.LoadUnsafe(ref start, at).AsUInt64());
            at += 64;
        }

        // Four lanes onto the last one, then 16 bytes at a time.
        var lanes = Fold(x, FoldLanes, Vector512<ulong>.Zero);
        var y = lanes.GetLower().GetLower() ^ lanes.GetLower().GetUpper() ^ lanes.GetUpper().GetLower() ^ lanes.GetUpper().GetUpper();
        for (; length - at >= 16; at += 16)
        {
            y = Fold(y, Fold16, Vector128.LoadUnsafe(ref start, at).AsUInt64());
        }

        // The last block stands for everything before it: its CRC from zero is the register.
        var crc = BitOperations.Crc32C(BitOperations.Crc32C(0u, y.GetElement(0)), y.GetElement(1));
        return Interleaved(crc, data[(int)at..]);
    }

    // A block A (as polynomial: low qword times x^64 plus high qword) moved S bytes on: low qword
    // times x^(8S+64) plus high qword times x^(8S). A carry-less product of reflected values comes
    // out multiplied by x, hence constants one power lower. Products have under 96 bits, so they
    // never overflow the 128-bit lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Fold(Vector512<ulong> block, Vector512<ulong> constants, Vector512<ulong> next)
        => Avx512F.TernaryLogic(
            Pclmulqdq.V512.CarrylessMultiply(block, constants, 0x00),
            Pclmulqdq.V512.CarrylessMultiply(block, constants, 0x11),
            next,
            0x96); // a ^ b ^ c

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Fold(Vector128<ulong> block, Vector128<ulong> constants, Vector128<ulong> next)
        => Pclmulqdq.CarrylessMultiply(block, constants, 0x00) ^ Pclmulqdq.CarrylessMultiply(block, constants, 0x11) ^ next;

    // The multipliers that move a block S bytes on, as the low 64 bits of a reflected 64-bit operand
    // hold a polynomial of degree under 32: in their upper half.
    private static Vector128<ulong> FoldConstants(int bytes)
        => Vector128.Create((ulong)XPowerMod((8 * bytes) + 63) << 32, (ulong)XPowerMod((8 * bytes) - 1) << 32);

    // x^n mod P, reflected, for n >= -1: from x^-1 (P's constant term is 1, so x is invertible),
    // multiplied by x one bit at a time as the CRC register shifts.
    internal static uint XPowerMod(int n)
    {
        const uint one = 1u << 31;
        var value = ((one ^ ReflectedPolynomial) << 1) | 1; // (1 + P) / x = x^-1 mod P
        for (var i = -1; i < n; i++)
        {
            value = (value >> 1) ^ ((value & 1) * ReflectedPolynomial);
        }

        return value;
    }

    /// <summary>The plain one-chain computation: the definition the fast path is tested against.</summary>
    internal static uint ComputeSequential(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Carry(uint register, int table)
    {
        ref var entries = ref MemoryMarshal.GetArrayDataReference(CarryTables);
        return Unsafe.Add(ref entries, table + (int)(register & 0xFF))
            ^ Unsafe.Add(ref entries, table + 256 + (int)((register >> 8) & 0xFF))
            ^ Unsafe.Add(ref entries, table + 512 + (int)((register >> 16) & 0xFF))
            ^ Unsafe.Add(ref entries, table + 768 + (int)(register >> 24));
    }

    private static uint[] BuildCarryTables()
    {
        var tables = new uint[8 * 256];
        for (var set = 0; set < 2; set++)
        {
            var zeroBytes = (set + 1) * BlockSize;
            for (var position = 0; position < 4; position++)
            {
                for (var value = 0; value < 256; value++)
                {
                    var register = (uint)value << (8 * position);
                    for (var i = 0; i < zeroBytes; i += sizeof(ulong))
                    {
                        register = BitOperations.Crc32C(register, 0UL);
                    }

                    tables[(set * 1024) + (position * 256) + value] = register;
                }
            }
        }

        return tables;
    }
}
