using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Gc3.Persistence.Benchmarks.Subjects;

namespace Gc3.Persistence.Benchmarks.Micro;

/// <summary>
/// The generated serializer against MemoryPack and System.Text.Json on the jobs-v1 <see cref="Job"/>.
/// The generated serializer is only reachable through a store, so it is measured through
/// <see cref="InMemoryStore"/>: a save or load there is the serializer plus what every store adds
/// around it (cascade check of the executable reference, record header and CRC-32C, identity map),
/// without I/O. MemoryPack and System.Text.Json encode the plain <see cref="JobDto"/> (executable as
/// an ID string) into a reused buffer. Each operation is one job; figures are per job.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class JobSerializerBenchmarks
{
    /// <summary>Jobs per invocation: loads need a cold identity map, so an invocation is long enough to time on its own.</summary>
    public const int Jobs = 50_000;

    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private InMemoryStore _store = null!;
    private Job[] _jobs = null!;
    private Id[] _ids = null!;
    private Id[] _executableIds = null!;
    private Executable[] _executables = [];
    private JobDto[] _dtos = null!;
    private byte[][] _memoryPack = null!;
    private byte[][] _json = null!;
    private Utf8JsonWriter _jsonWriter = null!;

    /// <summary>Saves the jobs in the in-memory store and encodes the DTOs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var data = WorkloadData.Create(Jobs);
        _store = new InMemoryStore();
        var executables = data.Executables.Select(e => e.ToExecutable()).ToArray();
        _jobs = [.. data.Jobs.Select(j => j.ToJob(executables[j.ExecutableIndex]))];
        _ids = [.. _store.SaveMany(_jobs)];
        _executableIds = [.. executables.Select(e => e.PersistentId!)];
        _dtos = [.. data.Jobs.Select(j => j.ToDto(_executableIds[j.ExecutableIndex].ToString()))];
        _memoryPack = [.. _dtos.Select(d => MemoryPackSerializer.Serialize(d))];
        _json = [.. _dtos.Select(d => JsonSerializer.SerializeToUtf8Bytes(d, JobDtoJsonContext.Default.JobDto))];
        _jsonWriter = new Utf8JsonWriter(_buffer);
    }

    /// <summary>Releases the store.</summary>
    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    /// <summary>MemoryPack encodes the DTO.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Jobs)]
    [BenchmarkCategory("Serialize")]
    public int MemoryPack_Serialize()
    {
        var total = 0;
        foreach (var dto in _dtos)
        {
            _buffer.ResetWrittenCount();
            MemoryPackSerializer.Serialize(_buffer, dto);
            total += _buffer.WrittenCount;
        }

        return total;
    }

    /// <summary>The generated serializer: <c>Save</c> of a job that has an ID (its executable unchanged, so not written again).</summary>
    [Benchmark(OperationsPerInvoke = Jobs)]
    [BenchmarkCategory("Serialize")]
    public int Generated_Save()
    {
        var total = 0;
        foreach (var job in _jobs)
        {
            total += (int)_store.Save(job).SeqNo;
        }

        return total;
    }

    /// <summary>System.Text.Json (source-generated) encodes the DTO.</summary>
    [Benchmark(OperationsPerInvoke = Jobs)]
    [BenchmarkCategory("Serialize")]
    public int SystemTextJson_Serialize()
    {
        var total = 0;
        foreach (var dto in _dtos)
        {
            _buffer.ResetWrittenCount();
            _jsonWriter.Reset(_buffer);
            JsonSerializer.Serialize(_jsonWriter, dto, JobDtoJsonContext.Default.JobDto);
            total += _buffer.WrittenCount;
        }

        return total;
    }

    /// <summary>MemoryPack decodes the DTO.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Jobs)]
    [BenchmarkCategory("Deserialize")]
    public JobDto? MemoryPack_Deserialize()
    {
        JobDto? last = null;
        foreach (var bytes in _memoryPack)
        {
            last = MemoryPackSerializer.Deserialize<JobDto>(bytes);
        }

        return last;
    }

    /// <summary>
    /// Nothing to prepare, but an iteration setup gives these benchmarks the same run strategy as
    /// <see cref="Generated_Load"/> (one invocation per iteration), so BenchmarkDotNet computes their ratios.
    /// </summary>
    [IterationSetup(Targets = [nameof(MemoryPack_Serialize), nameof(Generated_Save), nameof(SystemTextJson_Serialize), nameof(MemoryPack_Deserialize), nameof(SystemTextJson_Deserialize)])]
    public void SameRunStrategy()
    {
    }

    /// <summary>Empties the identity map except for the executables, which stay loaded as in an application.</summary>
    [IterationSetup(Target = nameof(Generated_Load))]
    public void EvictJobs()
    {
        _store.InvalidateCache();
        _executables = [.. _executableIds.Select(_store.Load<Executable>)];
    }

    /// <summary>The generated serializer: <c>Load</c> of a job not in the identity map, its executable resolved through it.</summary>
    [Benchmark(OperationsPerInvoke = Jobs)]
    [BenchmarkCategory("Deserialize")]
    public Job? Generated_Load()
    {
        Job? last = null;
        foreach (var id in _ids)
        {
            last = _store.Load<Job>(id);
        }

        return last;
    }

    /// <summary>System.Text.Json (source-generated) decodes the DTO.</summary>
    [Benchmark(OperationsPerInvoke = Jobs)]
    [BenchmarkCategory("Deserialize")]
    public JobDto? SystemTextJson_Deserialize()
    {
        JobDto? last = null;
        foreach (var bytes in _json)
        {
            last = JsonSerializer.Deserialize(bytes, JobDtoJsonContext.Default.JobDto);
        }

        return last;
    }
}
