namespace Gc3.Persistence.Tool.Tests.Infrastructure;

/// <summary>Where the builds the tests run are: the tool's and the sample's, in this test project's configuration.</summary>
public static class Repository
{
    /// <summary>The repository's root (the folder of the solution file).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration this test project was built in (bin/&lt;Configuration&gt;/net10.0/).</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    /// <summary>The tool's JIT build, run with <c>dotnet</c>.</summary>
    public static string ToolDll => Built(Path.Combine(Root, "src", "Gc3.Persistence.Tool", "bin", Configuration, "net10.0", "gc3p.dll"));

    /// <summary>The sample job manager's JIT build, run with <c>dotnet</c>.</summary>
    public static string SampleDll => Built(Path.Combine(Root, "samples", "JobManager", "bin", Configuration, "net10.0", "jobmanager.dll"));

    private static string Built(string path)
    {
        Assert.True(File.Exists(path), $"the build is missing: {path}");
        return path;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gc3.Persistence.Generated.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Gc3.Persistence.Generated.sln above {AppContext.BaseDirectory}.");
    }
}
