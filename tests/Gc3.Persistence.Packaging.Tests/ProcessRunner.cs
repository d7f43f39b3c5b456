namespace Gc3.Persistence.Packaging.Tests;

/// <summary>Runs child processes (dotnet, the published binary) and waits for them, within a time limit.</summary>
public static class ProcessRunner
{
    /// <summary>
    /// Runs <paramref name="fileName"/>. MSBuild variables set by the test host are removed, so a child
    /// <c>dotnet build</c> sees a clean environment, and MSBuild and compiler servers are not left running.
    /// </summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = ChildProcess.StartInfo(fileName, arguments, workingDirectory);
        start.Environment["UseSharedCompilation"] = "false";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return ChildProcess.Run(start, timeout);
    }

    /// <summary>
    /// Runs the build of another program of this repository (<c>tests/<paramref name="project"/></c>), in the
    /// configuration this test project was built in, and fails the test when that build is missing.
    /// </summary>
    public static ProcessResult RunRepositoryProgram(string project, string workingDirectory, params string[] arguments)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var dll = Path.Combine(RepositoryCopy.Root, "tests", project, "bin", configuration, "net10.0", project + ".dll");
        Assert.True(File.Exists(dll), $"the build of {project} is missing: {dll}");
        return Run("dotnet", [dll, .. arguments], workingDirectory, TimeSpan.FromMinutes(5));
    }

    /// <summary>Runs the <c>dotnet</c> CLI.</summary>
    public static ProcessResult Dotnet(string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
        => Run("dotnet", arguments, workingDirectory, timeout, environment);
}
