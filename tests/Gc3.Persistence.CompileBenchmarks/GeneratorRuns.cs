using Microsoft.CodeAnalysis.CSharp;

namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>
/// Runs a generator as the IDE and the compiler do, through a <see cref="CSharpGeneratorDriver"/> that tracks
/// its steps: a first run, then a comment edit in an unrelated file, then a renamed member in one type.
/// The time is the driver's own measure of the generator (<see cref="GeneratorDriver.GetTimingInfo"/>); the
/// two generators take turns, round by round, so that other work on the machine weighs on both alike.
/// </summary>
internal static class GeneratorRuns
{
    /// <summary>Our generator's figures and MemoryPack's, measured in alternating rounds.</summary>
    public static (GeneratorFigures Ours, GeneratorFigures Theirs) Measure(int count, int repetitions)
    {
        var ours = new Subject(Flavour.Persistable, Subjects.Gc3Generator(), count);
        var theirs = new Subject(Flavour.MemoryPackable, Subjects.MemoryPackGenerator(), count);

        // One unmeasured round first, so neither generator pays for JIT compilation in the figures.
        for (var round = -1; round < repetitions; round++)
        {
            var measured = round >= 0;
            if (round % 2 == 0)
            {
                ours.Round(measured);
                theirs.Round(measured);
            }
            else
            {
                theirs.Round(measured);
                ours.Round(measured);
            }
        }

        return (ours.Figures(), theirs.Figures());
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

    private static TimeSpan ElapsedOf(GeneratorDriver driver) => driver.GetTimingInfo().GeneratorTimes.Single().ElapsedTime;

    /// <summary>One generator on its flavour of the project, and the figures of its measured rounds.</summary>
    private sealed class Subject
    {
        private readonly Flavour _flavour;
        private readonly IIncrementalGenerator _generator;
        private readonly List<SyntaxTree> _trees;
        private readonly SyntaxTree _unrelated;
        private readonly SyntaxTree _edited;
        private readonly SyntaxTree _commentEdit;
        private readonly SyntaxTree _memberEdit;
        private readonly List<TimeSpan> _first = [];
        private readonly List<TimeSpan> _comment = [];
        private readonly List<TimeSpan> _member = [];
        private readonly List<TimeSpan> _commentCpu = [];
        private readonly List<TimeSpan> _memberCpu = [];
        private readonly List<IReadOnlyDictionary<string, TimeSpan>> _commentSteps = [];
        private readonly List<IReadOnlyDictionary<string, TimeSpan>> _memberSteps = [];
        private Compilation? _output;
        private GeneratorRunResult? _firstResult;

        public Subject(Flavour flavour, IIncrementalGenerator generator, int count)
        {
            _flavour = flavour;
            _generator = generator;
            _trees = ModelSource.Files(flavour, count).Select(f => Subjects.Parse(f.Path, f.Text)).ToList();
            _unrelated = _trees.Single(t => t.FilePath == ModelSource.UnrelatedFile);
            _edited = _trees.Single(t => t.FilePath == ModelSource.TypeFile(0));
            _commentEdit = Subjects.Parse(ModelSource.UnrelatedFile, ModelSource.Unrelated("second"));
            _memberEdit = Subjects.Parse(ModelSource.TypeFile(0), ModelSource.Type(flavour, 0, count, editedMember: true));
        }

        public void Round(bool measured)
        {
            GeneratorDriver driver = CSharpGeneratorDriver.Create(
                [_generator.AsSourceGenerator()],
                parseOptions: Subjects.ParseOptions,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
            var compilation = Subjects.Compile(_trees);
            driver = driver.RunGenerators(compilation);
            var firstTime = ElapsedOf(driver);
            if (_firstResult is null)
            {
                // The project as the compiler sees it after the first run: its sources and the generated ones.
                _firstResult = driver.GetRunResult().Results.Single();
                _output = compilation.AddSyntaxTrees(_firstResult.Value.GeneratedSources.Select(s => s.SyntaxTree));
            }

            var afterComment = compilation.ReplaceSyntaxTree(_unrelated, _commentEdit);
            var cpu = ThreadProcessorTime.Now();
            driver = driver.RunGenerators(afterComment);
            var commentCpu = ThreadProcessorTime.Now() - cpu;
            var commentTime = ElapsedOf(driver);
            var commentSteps = StepTimes(driver);

            var afterMember = afterComment.ReplaceSyntaxTree(_edited, _memberEdit);
            cpu = ThreadProcessorTime.Now();
            driver = driver.RunGenerators(afterMember);
            var memberCpu = ThreadProcessorTime.Now() - cpu;
            var memberTime = ElapsedOf(driver);
            var memberSteps = StepTimes(driver);

            if (measured)
            {
                _first.Add(firstTime);
                _comment.Add(commentTime);
                _member.Add(memberTime);
                _commentCpu.Add(commentCpu);
                _memberCpu.Add(memberCpu);
                _commentSteps.Add(commentSteps);
                _memberSteps.Add(memberSteps);
            }
        }

        public GeneratorFigures Figures()
        {
            var sources = _firstResult!.Value.GeneratedSources;
            var errors = _output!.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            foreach (var error in errors.Take(5))
            {
                Console.Error.WriteLine($"{_flavour}: {error}");
            }

            return new GeneratorFigures(
                Median(_first),
                Median(_comment),
                Median(_member),
                sources.Sum(s => (long)System.Text.Encoding.UTF8.GetByteCount(s.SourceText.ToString())),
                sources.Sum(s => (long)s.SourceText.Lines.Count),
                sources.Length,
                errors.Count,
                _output,
                _commentSteps[0].Keys.Union(_memberSteps[0].Keys)
                    .Select(step => (step, Median(_commentSteps.Select(s => s.GetValueOrDefault(step)).ToList()), Median(_memberSteps.Select(s => s.GetValueOrDefault(step)).ToList())))
                    .OrderByDescending(s => s.Item2 + s.Item3)
                    .ToList(),
                Median(_commentCpu),
                Median(_memberCpu));
        }
    }
}
