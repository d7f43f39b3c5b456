namespace Gc3.Persistence.Tests;

/// <summary>Both ways of computing the CRC-32C every record is checked with give the standard CRC-32C.</summary>
public class Crc32CTests
{
    [Fact]
    public void Matches_the_published_check_value()
        => Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));

    [Fact]
    public void Long_input_matches_the_published_check_value_of_zeros()
        => Assert.Equal(0x8A9136AAu, Crc32C.Compute(new byte[32])); // RFC 3720, B.4: 32 bytes of zeros

    [Fact]
    public void Matches_the_one_chain_computation_at_every_length_and_alignment()
    {
        var random = new Random(7);
        var data = new byte[1200];
        random.NextBytes(data);
        for (var offset = 0; offset < 8; offset++)
        {
            for (var length = 0; length <= data.Length - offset; length += length < 600 ? 1 : 37)
            {
                var span = data.AsSpan(offset, length);
                var expected = Crc32C.ComputeSequential(span);
                Assert.True(expected == Crc32C.Compute(span), $"offset {offset}, length {length}");
                Assert.True(expected == Crc32C.ComputeInterleaved(span), $"interleaved: offset {offset}, length {length}");
            }
        }
    }

    [Fact]
    public void Long_inputs_match_the_one_chain_computation()
    {
        // Folded on a CPU with AVX-512 carry-less multiply (as CI's), interleaved elsewhere.
        var data = new byte[70_000];
        new Random(3).NextBytes(data);
        foreach (var length in new[] { Crc32C.FoldThreshold, 319, 320, 383, 384, 447, 448, 511, 512, 738, 4096, 65_537, 70_000 })
        {
            Assert.True(Crc32C.ComputeSequential(data.AsSpan(0, length)) == Crc32C.Compute(data.AsSpan(0, length)), $"length {length}");
        }
    }

    [Fact]
    public void Powers_of_x_modulo_the_polynomial_are_the_register_values_they_stand_for()
    {
        Assert.Equal(0x80000000u, Crc32C.XPowerMod(0)); // 1: the coefficient of x^0 is bit 31
        Assert.Equal(0x00000001u, Crc32C.XPowerMod(31));
        Assert.Equal(0x82F63B78u, Crc32C.XPowerMod(32)); // x^32 = P - x^32: the polynomial's low terms
        Assert.Equal(0x80000000u, (Crc32C.XPowerMod(-1) >> 1) ^ ((Crc32C.XPowerMod(-1) & 1) * 0x82F63B78u)); // x^-1 times x is 1
    }

    [Fact]
    public void A_flipped_bit_anywhere_in_a_chunked_record_changes_the_checksum()
    {
        var data = new byte[640];
        new Random(11).NextBytes(data);
        var original = Crc32C.Compute(data);
        for (var bit = 0; bit < data.Length * 8; bit += 13)
        {
            data[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(original, Crc32C.Compute(data));
            data[bit / 8] ^= (byte)(1 << (bit % 8));
        }
    }
}
