using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Gc3.Persistence.Records;

/// <summary>CRC-32C (Castagnoli) of a record, on the CPU's CRC instruction where there is one.</summary>
/// <remarks>
/// Every save and load checksums a whole record, so this is on the hot path. The CRC instruction
/// takes three cycles but the CPU can start one per cycle, so one chain of them runs at a third of
/// its speed. Records are therefore cut into chunks of three blocks whose CRCs are computed side by
/// side and then combined. The CRC register is linear: the CRC of <c>A||B</c> is the CRC of
/// <c>A</c> carried over <c>|B|</c> zero bytes, xor the CRC of <c>B</c> started from zero; carrying a
/// value over a fixed number of zero bytes is itself linear, so it is four table lookups.
/// </remarks>
internal static class Crc32C
{
    private const int BlockSize = 64;
    private const int ChunkSize = 3 * BlockSize;

    // Carry a register over BlockSize (first 4 x 256 entries) or 2 x BlockSize zero bytes (the next 4 x 256).
    private static readonly uint[] CarryTables = BuildCarryTables();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = uint.MaxValue;
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

        return ~crc;
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
