using System.Buffers.Binary;
using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Tests.Records;

// MemberFraming.CheckDistinctKeys compares each pair of a few keys and sorts many; both ways must find a repeat
// wherever it stands, and pass distinct keys.
public class MemberKeyUniquenessTests
{
    [Theory]
    [InlineData(2, -1, -1)]
    [InlineData(8, -1, -1)]
    [InlineData(40, -1, -1)]
    [InlineData(2, 0, 1)]
    [InlineData(8, 0, 7)]
    [InlineData(8, 6, 3)]
    [InlineData(32, 31, 30)]
    [InlineData(33, 0, 32)]
    [InlineData(300, 17, 299)]
    public void A_repeated_member_key_is_found_by_either_way_and_distinct_keys_pass(int count, int repeatAt, int copyOf)
    {
        var keys = Enumerable.Range(0, count).Select(i => (uint)(i * 2_654_435_761L % uint.MaxValue)).ToArray();
        if (repeatAt >= 0)
        {
            keys[repeatAt] = keys[copyOf];
        }

        var body = Body(keys);
        if (repeatAt < 0)
        {
            MemberFraming.CheckDistinctKeys(body);
        }
        else
        {
            var error = Assert.Throws<InvalidDataException>(() => MemberFraming.CheckDistinctKeys(body));
            Assert.Equal($"the member key {keys[copyOf]} appears twice: a record holds each member once", error.Message);
        }
    }

    // A member count, then each member as its key, its length and its bytes (one byte each here).
    private static byte[] Body(uint[] keys)
    {
        var body = new byte[sizeof(int) + (keys.Length * 9)];
        BinaryPrimitives.WriteInt32LittleEndian(body, keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            var at = sizeof(int) + (i * 9);
            BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(at), keys[i]);
            BinaryPrimitives.WriteInt32LittleEndian(body.AsSpan(at + 4), 1);
            body[at + 8] = (byte)i;
        }

        return body;
    }
}
