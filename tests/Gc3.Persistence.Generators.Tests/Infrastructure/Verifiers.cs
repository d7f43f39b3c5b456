using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Gc3.Persistence.Generators.Tests.Infrastructure;

/// <summary>
/// Runs one analyzer over test sources with markup (<c>{|GC3P001:Name|}</c>) against the real runtime
/// attributes. Reference assemblies are the running runtime's own (see <see cref="TestReferences"/>),
/// so no NuGet download happens.
/// </summary>
internal static class AnalyzerTest<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
        => VerifyAsync([source], [], expected);

    public static async Task VerifyAsync(string[] sources, MetadataReference[] extraReferences, DiagnosticResult[] expected, bool enableAllDiagnostics = false)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
        Configure(test.TestState, sources, extraReferences);
        test.ReferenceAssemblies = NoReferenceAssemblies;
        test.SolutionTransforms.Add(WithLanguageVersion);
        test.DisabledDiagnostics.AddRange(NotRunGenerator);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>
    /// Compiler errors that only say the generator did not run (it doesn't in analyzer tests): a partial
    /// property with no implementation part.
    /// </summary>
    internal static readonly string[] NotRunGenerator = ["CS9248"];

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

/// <summary>Runs one analyzer and one code fix: the diagnostics in <c>source</c>, then the text after the fix.</summary>
internal static class CodeFixTest<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static async Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = AnalyzerTest<TAnalyzer>.NoReferenceAssemblies,
        };
        AnalyzerTest<TAnalyzer>.Configure(test.TestState, [source], []);
        test.FixedState.Sources.Add(fixedSource);
        test.FixedState.AdditionalReferences.AddRange(TestReferences.All);
        test.SolutionTransforms.Add(AnalyzerTest<TAnalyzer>.WithLanguageVersion);
        test.DisabledDiagnostics.AddRange(AnalyzerTest<TAnalyzer>.NotRunGenerator);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
