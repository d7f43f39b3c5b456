using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tests.StoreContract;

/// <summary>Test objects with every member set to a non-default value.</summary>
public static class Samples
{
    public static Executable Executable(string path = "/usr/bin/simulate") => new()
    {
        Path = path,
        Version = "1.2.3",
        Checksum = new string('c', 64),
    };

    public static Job Job(string name, Executable? executable = null) => new()
    {
        Name = name,
        State = JobState.Submitted,
        Arguments = ["--input", $"{name}.dat", "--verbose"],
        Environment = { ["OMP_NUM_THREADS"] = "4", ["HOME"] = "/home/gc3" },
        Cores = 4,
        MemoryMB = 8192,
        Submitted = new DateTime(2026, 11, 23, 10, 30, 0, DateTimeKind.Utc),
        ExitCode = 0,
        Output = new string('o', 200),
        Executable = executable ?? Executable(),
        Scratch = "changed in memory only",
    };

    public static void AssertSameJob(Job expected, Job actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.State, actual.State);
        Assert.Equal(expected.Arguments, actual.Arguments);
        Assert.Equal(expected.Environment.OrderBy(e => e.Key), actual.Environment.OrderBy(e => e.Key));
        Assert.Equal(expected.Cores, actual.Cores);
        Assert.Equal(expected.MemoryMB, actual.MemoryMB);
        Assert.Equal(expected.Submitted, actual.Submitted);
        Assert.Equal(expected.Submitted.Kind, actual.Submitted.Kind);
        Assert.Equal(expected.ExitCode, actual.ExitCode);
        Assert.Equal(expected.Output, actual.Output);
        Assert.Equal(expected.Executable?.Path, actual.Executable?.Path);
        Assert.Equal(expected.Executable?.Checksum, actual.Executable?.Checksum);
    }
}
