using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>What one generator costs and writes on the project: medians over the repetitions.</summary>
internal sealed record GeneratorFigures(
    TimeSpan FirstRun,
    TimeSpan CommentEdit,
    TimeSpan MemberEdit,
    long GeneratedBytes,
    long GeneratedLines,
    int GeneratedFiles,
    int CompileErrors,
    Compilation Output,
    IReadOnlyList<(string Step, TimeSpan Comment, TimeSpan Member)> Steps,
    TimeSpan CommentEditCpu,
    TimeSpan MemberEditCpu);

/// <summary>
/// Runs a generator as the IDE and the compiler do, through a <see cref="CSharpGeneratorDriver"/> that tracks
/// its steps: a first run, then a comment edit in an unrelated file, then a renamed member in one type.
/// The time is the driver's own measure of the generator (<see cref="GeneratorDriver.GetTimingInfo"/>).
/// </summary>
internal static class GeneratorRuns
{
    public static GeneratorFigures Measure(Flavour flavour, IIncrementalGenerator generator, int count, int repetitions)
    {
        var trees = ModelSource.Files(flavour, count).Select(f => Subjects.Parse(f.Path, f.Text)).ToList();
        var unrelated = trees.Single(t => t.FilePath == ModelSource.UnrelatedFile);
        var edited = trees.Single(t => t.FilePath == ModelSource.TypeFile(0));
        var commentEdit = Subjects.Parse(ModelSource.UnrelatedFile, ModelSource.Unrelated("second"));
        var memberEdit = Subjects.Parse(ModelSource.TypeFile(0), ModelSource.Type(flavour, 0, count, editedMember: true));

        var first = new List<TimeSpan>();
        var comment = new List<TimeSpan>();
        var member = new List<TimeSpan>();
        Compilation? output = null;
        GeneratorRunResult? firstResult = null;
        var commentSteps = new List<IReadOnlyDictionary<string, TimeSpan>>();
        var memberSteps = new List<IReadOnlyDictionary<string, TimeSpan>>();
        var commentCpu = new List<TimeSpan>();
        var memberCpu = new List<TimeSpan>();

        // One unmeasured round first, so neither generator pays for JIT compilation in the figures.
        for (var round = -1; round < repetitions; round++)
        {
            GeneratorDriver driver = CSharpGeneratorDriver.Create(
                [generator.AsSourceGenerator()],
                parseOptions: Subjects.ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
            var compilation = Subjects.Compile(trees);
            driver = driver.RunGenerators(compilation);
            var firstTime = ElapsedOf(driver);
            if (firstResult is null)
            {
                // The project as the compiler sees it after the first run: its sources and the generated ones.
                firstResult = driver.GetRunResult().Results.Single();
                output = compilation.AddSyntaxTrees(firstResult.Value.GeneratedSources.Select(s => s.SyntaxTree));
            }

            var afterComment = compilation.ReplaceSyntaxTree(unrelated, commentEdit);
            var cpu = CpuTime();
            driver = driver.RunGenerators(afterComment);
            var commentCpuTime = CpuTime() - cpu;
            var commentTime = ElapsedOf(driver);
            var commentStepTimes = StepTimes(driver);

            var afterMember = afterComment.ReplaceSyntaxTree(edited, memberEdit);
            cpu = CpuTime();
            driver = driver.RunGenerators(afterMember);
            var memberCpuTime = CpuTime() - cpu;
            var memberTime = ElapsedOf(driver);
            var memberStepTimes = StepTimes(driver);

            if (round >= 0)
            {
                first.Add(firstTime);
                comment.Add(commentTime);
                member.Add(memberTime);
                commentSteps.Add(commentStepTimes);
                memberSteps.Add(memberStepTimes);
                commentCpu.Add(commentCpuTime);
                memberCpu.Add(memberCpuTime);
            }
        }

        var sources = firstResult!.Value.GeneratedSources;
        var errors = output!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        foreach (var error in errors.Take(5))
        {
            Console.Error.WriteLine($"{flavour}: {error}");
        }

        return new GeneratorFigures(
            Median(first),
            Median(comment),
            Median(member),
            sources.Sum(s => (long)System.Text.Encoding.UTF8.GetByteCount(s.SourceText.ToString())),
            sources.Sum(s => (long)s.SourceText.Lines.Count),
            sources.Length,
            errors.Count,
            output,
            commentSteps[0].Keys.Union(memberSteps[0].Keys)
                .Select(step => (step, Median(commentSteps.Select(s => s.GetValueOrDefault(step)).ToList()), Median(memberSteps.Select(s => s.GetValueOrDefault(step)).ToList())))
                .OrderByDescending(s => s.Item2 + s.Item3)
                .ToList(),
            Median(commentCpu),
            Median(memberCpu));
    }

    public static TimeSpan Median(IReadOnlyList<TimeSpan> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The time of each tracked step of the last run (Roslyn's own steps too), summed over the step's runs.</summary>
    private static Dictionary<string, TimeSpan> StepTimes(GeneratorDriver driver)
    {
        var result = driver.GetRunResult().Results.Single();
        return result.TrackedSteps.Concat(result.TrackedOutputSteps)
            .GroupBy(pair => pair.Key)
            .ToDictionary(group => group.Key, group => group.SelectMany(pair => pair.Value).Aggregate(TimeSpan.Zero, (sum, step) => sum + step.ElapsedTime));
    }

    // The processor time of the whole process (the driver runs the generator on this thread): steadier than the
    // elapsed time when other work shares the machine.
    private static TimeSpan CpuTime() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

    private static TimeSpan ElapsedOf(GeneratorDriver driver) => driver.GetTimingInfo().GeneratorTimes.Single().ElapsedTime;
}
