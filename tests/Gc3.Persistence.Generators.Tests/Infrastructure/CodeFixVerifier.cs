using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Gc3.Persistence.Generators.Tests.Infrastructure;

/// <summary>Runs one analyzer and one code fix: the diagnostics in <c>source</c>, then the text after the fix.</summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyAsync(string source, string fixedSource, params DiagnosticResult[] expected)
        => VerifyAsync(source, fixedSource, expected, CompilerDiagnostics.Errors);

    /// <summary>For fixes that write partial properties, which lack their implementation part while the generator does not run.</summary>
    public static Task VerifyWithoutGeneratorAsync(string source, string fixedSource, params DiagnosticResult[] expected)
        => VerifyAsync(source, fixedSource, expected, CompilerDiagnostics.None);

    /// <summary>As <see cref="VerifyWithoutGeneratorAsync(string, string, DiagnosticResult[])"/>, where <paramref name="remaining"/> stay after the fix.</summary>
    public static Task VerifyWithoutGeneratorAsync(string source, string fixedSource, DiagnosticResult[] expected, DiagnosticResult[] remaining)
        => VerifyAsync(source, fixedSource, expected, CompilerDiagnostics.None, remaining);

    private static async Task VerifyAsync(
        string source, string fixedSource, DiagnosticResult[] expected, CompilerDiagnostics compilerDiagnostics, DiagnosticResult[]? remaining = null)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = AnalyzerVerifier<TAnalyzer>.NoReferenceAssemblies,
            CompilerDiagnostics = compilerDiagnostics,
        };
        AnalyzerVerifier<TAnalyzer>.Configure(test.TestState, [source], []);
        test.FixedState.Sources.Add(fixedSource);
        test.FixedState.AdditionalReferences.AddRange(TestReferences.All);
        test.FixedState.ExpectedDiagnostics.AddRange(remaining ?? []);
        test.SolutionTransforms.Add(AnalyzerVerifier<TAnalyzer>.WithLanguageVersion);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
