namespace Gc3.Persistence.Tests;

/// <summary>
/// Tests that attach strace to this process (<c>strace -f</c>, which also traces every child the process starts):
/// run alone, after the others, so that no other test's child process (a crash-test worker) is traced and
/// stopped halfway, which once hung the whole run.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracedProcessCollection
{
    public const string Name = "strace on this process";
}
