namespace Gc3.Persistence.Generators.Tests.Infrastructure;

/// <summary>
/// The base of one analyzer's tests, which name the analyzer once here instead of in every test: runs it over
/// test sources with markup (<c>{|GC3P001:Name|}</c>) against the real runtime attributes, with the generator's
/// output in the compilation as in a build (<see cref="GeneratedAnalyzerTest{TAnalyzer}"/>). Reference assemblies
/// are the running runtime's own (see <see cref="TestReferences"/>), so no NuGet download happens. Compiler errors
/// are expected diagnostics too: a source that does not compile with the generated code fails the test.
/// </summary>
public abstract class AnalyzerTests<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAsync([source], [], expected);

    public static async Task VerifyAsync(string[] sources, MetadataReference[] extraReferences, DiagnosticResult[] expected)
    {
        var test = Create(sources, extraReferences);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>The test <see cref="VerifyAsync(string[], MetadataReference[], DiagnosticResult[])"/> runs, for a caller to add to (additional files, expectations).</summary>
    internal static GeneratedAnalyzerTest<TAnalyzer> Create(string[] sources, MetadataReference[] extraReferences)
    {
        var test = new GeneratedAnalyzerTest<TAnalyzer> { CompilerDiagnostics = CompilerDiagnostics.Errors, ReferenceAssemblies = NoReferenceAssemblies };
        Configure(test.TestState, sources, extraReferences);
        test.SolutionTransforms.Add(WithLanguageVersion);
        return test;
    }

    /// <summary>An empty set: the framework comes from <see cref="TestReferences"/> instead.</summary>
    internal static ReferenceAssemblies NoReferenceAssemblies { get; } = new("net10.0");

    internal static void Configure(SolutionState state, string[] sources, MetadataReference[] extraReferences)
    {
        foreach (var source in sources)
        {
            state.Sources.Add(source);
        }

        state.AdditionalReferences.AddRange(TestReferences.All);
        state.AdditionalReferences.AddRange(extraReferences);
    }

    internal static Solution WithLanguageVersion(Solution solution, ProjectId projectId)
    {
        var project = solution.GetProject(projectId)!;
        var parseOptions = ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Preview);
        var compilationOptions = ((CSharpCompilationOptions)project.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable);
        return solution.WithProjectParseOptions(projectId, parseOptions).WithProjectCompilationOptions(projectId, compilationOptions);
    }
}
