using System.Buffers;
using System.Text.Json;

namespace Gc3.Persistence.Benchmarks.Subjects;

/// <summary>The usual .NET choice: System.Text.Json with a source-generated context, on the plain DTO, in memory.</summary>
public sealed class SystemTextJsonSubject : InMemorySerializerSubject
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <inheritdoc/>
    public override string Name => "stj";

    /// <inheritdoc/>
    protected override void Serialize(ArrayBufferWriter<byte> buffer, JobDto dto)
    {
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, dto, JobDtoJsonContext.Default.JobDto);
    }

    /// <inheritdoc/>
    protected override JobDto Deserialize(byte[] bytes) => JsonSerializer.Deserialize(bytes, JobDtoJsonContext.Default.JobDto)!;
}
