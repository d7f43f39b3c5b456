using Gc3.Persistence.CompileBenchmarks;
using Gc3.Persistence.Testing;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (ProgramArguments.Parse(() => CompileBenchmarkOptions.Parse(args), o => o.Help, CompileBenchmarkOptions.Usage, out var options) is { } exitCode)
{
    return exitCode;
}

Console.WriteLine($"compile-v1: N={options.Types} types x 8 members, {options.Repetitions} repetition(s), medians; MemoryPack {Subjects.MemoryPackVersion}");
var (ours, theirs) = GeneratorRuns.Measure(options.Types, options.Repetitions);
var analyzers = AnalyzerRuns.Measure(ours.Output, Subjects.Gc3Analyzers(), options.Repetitions);

(TimeSpan Ours, TimeSpan Theirs)? build = null;
if (options.Build)
{
    var root = options.Repository ?? RepositoryRoot();
    var directory = options.Directory ?? Path.Join(Path.GetTempPath(), $"gc3-compile-bench-{Environment.ProcessId}");
    try
    {
        build = (
            BuildRuns.Measure(Flavour.Persistable, Path.Join(directory, "gc3"), root, options.Types, options.Repetitions),
            BuildRuns.Measure(Flavour.MemoryPackable, Path.Join(directory, "memorypack"), root, options.Types, options.Repetitions));
    }
    finally
    {
        if (options.Directory is null)
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

var table = new ResultTable();
table.Compare("generator first run", ours.FirstRun, theirs.FirstRun, target: null);
table.Compare("generator comment edit", ours.CommentEdit, theirs.CommentEdit, target: 1.0);
table.Compare("generator member edit", ours.MemberEdit, theirs.MemberEdit, target: 1.0);
table.Compare("generated volume (bytes)", ours.GeneratedBytes, theirs.GeneratedBytes, target: 1.1);
table.Compare("generated volume (lines)", ours.GeneratedLines, theirs.GeneratedLines, target: 1.1);
table.Compare("generated files", ours.GeneratedFiles, theirs.GeneratedFiles, target: null);
table.Compare("compile errors", ours.CompileErrors, theirs.CompileErrors, target: null);
if (build is { } b)
{
    table.Compare("build time", b.Ours, b.Theirs, target: 1.1);
}
else
{
    table.Skipped("build time", options.Types == 50 && options.Repetitions == 1 ? "skipped (--quick)" : "skipped (--no-build)");
}

table.Alone("analyzer baseline: symbol binding and per-file checks any analyzer pays", analyzers.Baseline, limit: null);
foreach (var (name, time) in analyzers.PerAnalyzer)
{
    table.Alone($"analyzer {name}", time, limit: null);
}

table.Alone("GC3P analyzers total", analyzers.Total, limit: TimeSpan.FromSeconds(0.3));
table.Alone("GC3P analyzers' own code (processor time)", analyzers.OwnProcessorTimeTotal, limit: null);
table.Count("GC3P errors reported", analyzers.Errors);
table.Count("GC3P warnings and infos reported (GC3P014: untracked collections)", analyzers.Notes);
table.Write(Console.Out);
if (options.Steps)
{
    WriteSteps("gc3", ours);
    WriteSteps("memorypack-only", theirs);
    WriteAnalyzers(analyzers);
}

// The figures are only meaningful on a project that compiles.
return ours.CompileErrors == 0 && theirs.CompileErrors == 0 ? 0 : 1;

static void WriteSteps(string name, GeneratorFigures figures)
{
    Console.WriteLine();
    Console.WriteLine($"{name}: time per pipeline step (medians; a step's time includes the transforms it runs)");
    Console.WriteLine("| step | comment edit | member edit |");
    Console.WriteLine("|---|---|---|");
    Console.WriteLine($"| (processor time of the driver's thread) | {figures.CommentEditCpu.TotalMilliseconds:0.0} ms | {figures.MemberEditCpu.TotalMilliseconds:0.0} ms |");
    foreach (var (step, comment, member) in figures.Steps)
    {
        Console.WriteLine($"| {step} | {comment.TotalMilliseconds:0.0} ms | {member.TotalMilliseconds:0.0} ms |");
    }
}

static void WriteAnalyzers(AnalyzerFigures figures)
{
    Console.WriteLine();
    Console.WriteLine("GC3P analyzers (medians): Roslyn's execution time after the baseline, and the processor time of their own code called directly");
    Console.WriteLine("| analyzer | Roslyn's time | own processor time |");
    Console.WriteLine("|---|---|---|");
    Console.WriteLine($"| (baseline: binding, per-file checks) | {figures.Baseline.TotalMilliseconds:0.0} ms | - |");
    foreach (var ((name, time), (_, own)) in figures.PerAnalyzer.Zip(figures.OwnProcessorTime))
    {
        Console.WriteLine($"| {name} | {time.TotalMilliseconds:0.0} ms | {own.TotalMilliseconds:0.0} ms |");
    }
}

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (directory.GetFiles("*.sln").Length > 0)
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("the repository root (the folder with the .sln) is not above the program; pass --repo");
}
