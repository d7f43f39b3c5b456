namespace Gc3.Persistence.Packaging.Tests;

/// <summary>A command line a program of this repository refuses: exit code 2, with standard error naming what was wrong.</summary>
public static class UsageError
{
    /// <summary>Fails, with the whole transcript, unless <paramref name="result"/> is a refusal whose error holds each of <paramref name="named"/>.</summary>
    public static void AssertRefused(ProcessResult result, params string[] named)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        foreach (var text in named)
        {
            Assert.Contains(text, result.Error);
        }
    }
}
