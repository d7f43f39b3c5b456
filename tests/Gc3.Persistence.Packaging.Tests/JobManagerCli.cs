namespace Gc3.Persistence.Packaging.Tests;

/// <summary>Runs the job manager (the native binary, or the JIT build through <c>dotnet</c>) as a user would, one process per command.</summary>
public sealed partial class JobManagerCli(string fileName, IReadOnlyList<string> prefix, string store, string workingDirectory)
{
    /// <summary>What --store gets: a directory, <c>sqlite://...</c> or <c>postgresql://...</c>.</summary>
    public string Store { get; } = store;

    /// <summary>The directory of a file store, or <see langword="null"/> for a database.</summary>
    public string? StoreDirectory => Store.Contains("://", StringComparison.Ordinal) ? null : Store;

    /// <summary>The published native binary.</summary>
    public static JobManagerCli Native(string binary, string store, string workingDirectory) => new(binary, [], store, workingDirectory);

    /// <summary>The sample's JIT build, next to this test project's own output.</summary>
    public static JobManagerCli Jit(string store, string workingDirectory)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        var dll = Path.Combine(RepositoryCopy.Root, "samples", "JobManager", "bin", configuration, "net10.0", "jobmanager.dll");
        Assert.True(File.Exists(dll), $"the sample's build is missing: {dll}");
        return new("dotnet", [dll], store, workingDirectory);
    }

    /// <summary>Runs one command against <see cref="Store"/>.</summary>
    public ProcessResult Run(params string[] arguments) => RunWithoutStore(["--store", Store, .. arguments]); // before the command: "--" may end its options

    /// <summary>Runs one command exactly as given (no --store added).</summary>
    public ProcessResult RunWithoutStore(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
        => ProcessRunner.Run(fileName, prefix.Concat(arguments), workingDirectory, TimeSpan.FromMinutes(2), environment);

    /// <summary>Runs <c>submit</c> and returns the ID it printed.</summary>
    public string Submit(params string[] arguments)
    {
        var result = Run(["submit", .. arguments]).EnsureSuccess();
        var match = SubmittedPattern().Match(result.Output);
        Assert.True(match.Success, result.ToString());
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"^Submitted (job\.\d+) ", RegexOptions.Multiline)]
    private static partial Regex SubmittedPattern();
}
