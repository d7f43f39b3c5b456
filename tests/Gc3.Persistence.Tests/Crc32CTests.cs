using Gc3.Persistence.Records;

namespace Gc3.Persistence.Tests;

/// <summary>The interleaved CRC-32C every record is checked with gives the standard CRC-32C.</summary>
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
                Assert.True(Crc32C.ComputeSequential(span) == Crc32C.Compute(span), $"offset {offset}, length {length}");
            }
        }
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
