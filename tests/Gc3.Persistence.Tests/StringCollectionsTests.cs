using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Tests;

/// <summary>
/// Generated serializers write string lists and dictionaries directly; the bytes must stay those
/// MemoryPack's own formatters write, since those formatters read them back (and read records saved
/// before).
/// </summary>
public class StringCollectionsTests
{
    public static TheoryData<string?[]?> Lists => new()
    {
        null,
        Array.Empty<string?>(),
        new[] { "a" },
        new[] { "arg-1", "", null, "ünïcødé ✓", new string('x', 300) },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void A_list_is_written_as_MemoryPack_writes_it_and_reads_back(string?[]? items)
    {
        var list = items?.ToList();

        var written = Write((ref MemoryPackWriter<RecordBuffer> writer) => StringCollections.Write(ref writer, list));

        Assert.Equal(MemoryPackSerializer.Serialize(list), written);
        Assert.Equal(list, MemoryPackSerializer.Deserialize<List<string?>>(written));
    }

    [Fact]
    public void A_dictionary_is_written_as_MemoryPack_writes_it_and_reads_back()
    {
        foreach (var dictionary in new Dictionary<string, string?>?[]
        {
            null,
            [],
            new() { ["HOME"] = "/home/user", ["EMPTY"] = "", ["UNSET"] = null, ["ÜNÏ"] = "✓", ["LONG"] = new string('y', 300) },
        })
        {
            var written = Write((ref MemoryPackWriter<RecordBuffer> writer) => StringCollections.Write(ref writer, dictionary));

            Assert.Equal(MemoryPackSerializer.Serialize(dictionary), written);
            Assert.Equal(dictionary, MemoryPackSerializer.Deserialize<Dictionary<string, string?>>(written));
        }
    }

    private delegate void WriteAction(ref MemoryPackWriter<RecordBuffer> writer);

    private static byte[] Write(WriteAction write)
    {
        var buffer = new RecordBuffer();
        using var state = MemoryPackWriterOptionalStatePool.Rent(MemoryPackSerializerOptions.Default);
        var writer = new MemoryPackWriter<RecordBuffer>(ref buffer, state);
        write(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
