using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Tests;

/// <summary>
/// Generated serializers write nullable scalar members inline; the bytes must stay those MemoryPack's
/// own formatter writes, which records saved before had.
/// </summary>
public class NullableScalarsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-17)]
    [InlineData(int.MaxValue)]
    public void An_int_is_written_as_MemoryPack_writes_it_and_reads_back(int? value)
        => AssertSameBytesAndRoundTrip(value);

    [Fact]
    public void Wider_scalars_are_written_as_MemoryPack_writes_them_and_read_back()
    {
        AssertSameBytesAndRoundTrip<DateTime>(new DateTime(2026, 11, 23, 20, 15, 0, DateTimeKind.Utc));
        AssertSameBytesAndRoundTrip<DateTime>(null);
        AssertSameBytesAndRoundTrip<decimal>(12345.6789m);
        AssertSameBytesAndRoundTrip<Guid>(Guid.Parse("6f1c1d8e-5a43-4f7e-9b1e-2f3a4b5c6d7e"));
        AssertSameBytesAndRoundTrip<bool>(false);
    }

    private static void AssertSameBytesAndRoundTrip<T>(T? value)
        where T : unmanaged
    {
        var buffer = new RecordBuffer();
        using (var state = MemoryPackWriterOptionalStatePool.Rent(MemoryPackSerializerOptions.Default))
        {
            var writer = new MemoryPackWriter<RecordBuffer>(ref buffer, state);
            NullableScalars.Write(ref writer, value);
            writer.Flush();
        }

        var written = buffer.WrittenSpan.ToArray();
        Assert.Equal(MemoryPackSerializer.Serialize(value), written);

        using var readState = MemoryPackReaderOptionalStatePool.Rent(MemoryPackSerializerOptions.Default);
        var reader = new MemoryPackReader(written, readState);
        Assert.Equal(value, NullableScalars.Read<T>(ref reader));
        Assert.Equal(0, reader.Remaining);
    }
}
