using System.Runtime;
using System.Runtime.InteropServices;

namespace Gc3.Persistence.Benchmarks.Measurement;

/// <summary>What the figures were measured on, for the table's header.</summary>
public static class MachineInfo
{
    /// <summary>CPU, cores, memory, OS and runtime in one line.</summary>
    public static string Describe()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        var gc = GCSettings.IsServerGC ? "server GC" : "workstation GC";
        return $"{Cpu()}, {Environment.ProcessorCount} cores, {memory:0} GiB; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}, {gc}";
    }

    /// <summary>Flushes the page cache's dirty pages to disk, so one subject's writes are not paid for by the next.</summary>
    public static void SyncDisks()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            Sync();
        }
    }

    private static string Cpu()
    {
        if (OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo"))
        {
            var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (model is not null)
            {
                return model[(model.IndexOf(':') + 1)..].Trim();
            }
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    [DllImport("libc", EntryPoint = "sync")]
    private static extern void Sync();
}
