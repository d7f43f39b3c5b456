using Microsoft.CodeAnalysis.CSharp.Testing;

namespace Gc3.Persistence.Generators.Tests.Infrastructure;

/// <summary>
/// An analyzer test whose compilation holds the <see cref="PersistableGenerator"/>'s output, as every build
/// and the IDE do: the generator runs first, then the analyzer. The generated files themselves are checked
/// by the snapshot tests, not here.
/// </summary>
internal sealed class GeneratedAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public GeneratedAnalyzerTest() => TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;

    /// <inheritdoc/>
    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(PersistableGenerator)];
}
