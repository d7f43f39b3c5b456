using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;

namespace Gc3.Persistence.Generators.Tests.Infrastructure;

/// <summary>
/// A code fix test whose compilations, before and after the fix, hold the <see cref="PersistableGenerator"/>'s
/// output, as every build and the IDE do (see <see cref="GeneratedAnalyzerTest{TAnalyzer}"/>).
/// </summary>
internal sealed class GeneratedCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public GeneratedCodeFixTest() => TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;

    /// <inheritdoc/>
    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(PersistableGenerator)];
}
