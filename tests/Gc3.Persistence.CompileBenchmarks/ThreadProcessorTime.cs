using System.Runtime.InteropServices;

namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>
/// The processor time of the calling thread (the driver runs the generator on it), which other work on a
/// shared machine barely disturbs; on systems other than Linux, the whole process's (which includes the
/// JIT and GC threads).
/// </summary>
internal static class ThreadProcessorTime
{
    private const int ClockThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID

    /// <summary>The processor time used so far.</summary>
    public static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTimeId, out var time) == 0)
        {
            return TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100));
        }

        return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
