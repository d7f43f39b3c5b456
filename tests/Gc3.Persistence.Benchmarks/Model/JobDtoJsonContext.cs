using System.Text.Json.Serialization;

namespace Gc3.Persistence.Benchmarks.Model;

/// <summary>System.Text.Json's source-generated metadata for <see cref="JobDto"/>: the usual .NET choice, without reflection.</summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Default, UseStringEnumConverter = true)]
[JsonSerializable(typeof(JobDto))]
public sealed partial class JobDtoJsonContext : JsonSerializerContext;
