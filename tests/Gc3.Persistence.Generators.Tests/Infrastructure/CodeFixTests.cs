using Microsoft.CodeAnalysis.CodeFixes;

namespace Gc3.Persistence.Generators.Tests.Infrastructure;

/// <summary>
/// The base of one code fix's tests: runs the analyzer and the code fix, checking the diagnostics in <c>source</c>,
/// then the text after the fix, both with the generator's output in the compilation as in a build
/// (<see cref="GeneratedCodeFixTest{TAnalyzer, TCodeFix}"/>).
/// </summary>
public abstract class CodeFixTests<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected)
        => VerifyAsync(source, fixedSource, expected, []);

    /// <summary>As <see cref="VerifyAsync(string, string, DiagnosticResult[])"/>, where <paramref name="remaining"/> stay after the fix.</summary>
    public static async Task VerifyAsync(string source, string fixedSource, DiagnosticResult[] expected, DiagnosticResult[] remaining)
    {
        var test = Create(source, fixedSource);
        test.FixedState.ExpectedDiagnostics.AddRange(remaining);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    /// <summary>The test <see cref="VerifyAsync(string, string, DiagnosticResult[], DiagnosticResult[])"/> runs, for a caller to add to.</summary>
    internal static GeneratedCodeFixTest<TAnalyzer, TCodeFix> Create(string source, string fixedSource)
    {
        var test = new GeneratedCodeFixTest<TAnalyzer, TCodeFix>
        {
            ReferenceAssemblies = AnalyzerTests<TAnalyzer>.NoReferenceAssemblies,
            CompilerDiagnostics = CompilerDiagnostics.Errors,
        };
        AnalyzerTests<TAnalyzer>.Configure(test.TestState, [source], []);
        test.FixedState.Sources.Add(fixedSource);
        test.FixedState.AdditionalReferences.AddRange(TestReferences.All);
        test.SolutionTransforms.Add(AnalyzerTests<TAnalyzer>.WithLanguageVersion);
        return test;
    }
}
