using System.Buffers;

namespace Gc3.Persistence.Benchmarks.Subjects;

/// <summary>The serialize limit: MemoryPack on the plain DTO, in memory.</summary>
public sealed class MemoryPackSubject : InMemorySerializerSubject
{
    /// <inheritdoc/>
    public override string Name => "memorypack";

    /// <inheritdoc/>
    protected override void Serialize(ArrayBufferWriter<byte> buffer, JobDto dto) => MemoryPackSerializer.Serialize(buffer, dto);

    /// <inheritdoc/>
    protected override JobDto Deserialize(byte[] bytes) => MemoryPackSerializer.Deserialize<JobDto>(bytes)!;
}
