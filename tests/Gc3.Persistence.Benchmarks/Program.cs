using Gc3.Persistence.Benchmarks;
using Gc3.Persistence.Benchmarks.Scaling;
using Gc3.Persistence.Benchmarks.Subjects;
using Gc3.Persistence.Testing;

if (args.Length > 0 && args[0] == "micro")
{
    // Artifacts go next to the program (bin/, ignored by git), not into the current folder.
    var config = BenchmarkDotNet.Configs.ConfigExtensions.WithArtifactsPath(BenchmarkDotNet.Configs.DefaultConfig.Instance, Path.Join(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
    BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args[1..], config);
    return 0;
}

if (ProgramArguments.Parse(() => BenchmarkOptions.Parse(args), o => o.Help, BenchmarkOptions.Usage, out var options) is { } exitCode)
{
    return exitCode;
}

var all = SubjectCatalog.Create(options);
if (options.ListSubjects)
{
    foreach (var subject in all)
    {
        Console.WriteLine($"{subject.Name,-16} {subject.Settings}");
    }

    return 0;
}

var workDirectory = options.Directory ?? Path.Join(Path.GetTempPath(), $"gc3-bench-{Environment.ProcessId}");
Directory.CreateDirectory(workDirectory);
try
{
    if (options.Tool)
    {
        await new Gc3.Persistence.Benchmarks.ToolMode.ToolRunner(options, Console.Out).RunAsync(workDirectory);
    }
    else if (options.Tree)
    {
        new Gc3.Persistence.Benchmarks.Tree.TreeRunner(options, Console.Out).Run(workDirectory);
    }
    else if (options.Scaling)
    {
        new ScalingRunner(options, all, Console.Out).Run(workDirectory);
    }
    else
    {
        IReadOnlyList<Subject> subjects;
        try
        {
            subjects = SubjectCatalog.Select(all, options.Stores);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        new WorkloadRunner(options, subjects, Console.Out).Run(workDirectory);
    }

    return 0;
}
finally
{
    if (options.Directory is null)
    {
        Directory.Delete(workDirectory, recursive: true);
    }
}
