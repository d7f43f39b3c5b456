using System.Collections.Immutable;

namespace Gc3.Persistence.Generators.Tests.Infrastructure;

/// <summary>Compiles test sources and runs <see cref="PersistableGenerator"/> over them, as a build would.</summary>
internal static class GeneratorHarness
{
    /// <summary>The latest released C# (partial properties need 13), with doc comments checked so generated docs are too.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static CSharpCompilation CreateCompilation(string source, string assemblyName = "TestApp", params MetadataReference[] references)
        => CreateCompilation([source], assemblyName, references);

    public static CSharpCompilation CreateCompilation(string[] sources, string assemblyName, params MetadataReference[] references)
        => CSharpCompilation.Create(
            assemblyName,
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: SourcePath(i))),
            [.. TestReferences.All, .. references],
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                allowUnsafe: false,
                // As the .NET SDK does: MemoryPack is built against older framework versions, unified at run time.
                specificDiagnosticOptions: [new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

    /// <summary>The compilation with the source at <paramref name="index"/> of those it was created with replaced by <paramref name="source"/>, as an edit in the IDE would.</summary>
    public static Compilation ReplaceSource(Compilation compilation, int index, string source)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == SourcePath(index));
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, ParseOptions, path: SourcePath(index)));
    }

    /// <summary>
    /// A driver that records every tracked step, so tests can read why each step ran; with the additional files
    /// and the build properties (<c>build_property.X</c>) a build would give the generator, where a test sets them.
    /// </summary>
    public static GeneratorDriver CreateDriver(AdditionalText[]? additionalTexts = null, params (string Key, string Value)[] buildProperties)
        => CSharpGeneratorDriver.Create(
            [new PersistableGenerator().AsSourceGenerator()],
            additionalTexts ?? [],
            ParseOptions,
            TestAnalyzerConfigOptions.Provider(buildProperties),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the driver (for a second run), the compilation with the generated files, and the generator's diagnostics.</summary>
    public static (GeneratorDriver Driver, Compilation Output, ImmutableArray<Diagnostic> Diagnostics) Run(Compilation compilation, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (driver, output, diagnostics);
    }

    /// <summary>
    /// Runs the generator (<see cref="Run"/>) where it must report nothing and its output must compile cleanly
    /// (<see cref="AssertNoProblems"/>); returns the driver and the compilation with the generated files.
    /// </summary>
    public static (GeneratorDriver Driver, Compilation Output) RunClean(Compilation compilation, GeneratorDriver? driver = null)
    {
        var (next, output, diagnostics) = Run(compilation, driver);
        Assert.Empty(diagnostics);
        AssertNoProblems(output);
        return (next, output);
    }

    /// <summary>The generated files of the last run, by hint name.</summary>
    public static IReadOnlyList<(string HintName, string Text)> GeneratedFiles(GeneratorDriver driver)
        => driver.GetRunResult().Results.Single().GeneratedSources
            .Select(s => (s.HintName, s.SourceText.ToString()))
            .OrderBy(s => s.HintName, StringComparer.Ordinal)
            .ToList();

    /// <summary>The text of the file of the last run named <paramref name="hintName"/>.</summary>
    public static string GeneratedFile(GeneratorDriver driver, string hintName)
        => GeneratedFiles(driver).Single(f => f.HintName == hintName).Text;

    /// <summary>
    /// Every warning and error of a compilation with the generated files: all of them in generated files
    /// (doc comments included), and all but missing-doc warnings (CS1591) in the test's own sources.
    /// </summary>
    public static void AssertNoProblems(Compilation output)
    {
        var problems = Problems(output);
        Assert.True(problems.Count == 0, "The generated code does not compile cleanly:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
    }

    public static IReadOnlyList<Diagnostic> Problems(Compilation output)
    {
        var generated = output.SyntaxTrees.Where(t => t.FilePath.EndsWith(".g.cs", StringComparison.Ordinal)).ToHashSet();
        return output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Where(d => d.Location.SourceTree is { } tree && generated.Contains(tree) || d.Id != "CS1591")
            .ToList();
    }

    /// <summary>A new instance of every analyzer the generator's assembly holds, as a build runs them all.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers()
        => [.. typeof(PersistableGenerator).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)];

    /// <summary>Compiles a library with the generator applied, as a referenced NuGet package or project would be.</summary>
    public static MetadataReference CompileLibrary(string assemblyName, string source)
    {
        var (_, output) = RunClean(CreateCompilation(source, assemblyName));
        return TestLibraries.Emit(output);
    }

    private static string SourcePath(int index) => $"Source{index}.cs";
}
