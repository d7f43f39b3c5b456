using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Gc3.Persistence.Generators.Tests.Infrastructure;

/// <summary>Global analyzer config options (<c>build_property.X</c>), as MSBuild gives them to generators and analyzers.</summary>
internal sealed class TestAnalyzerConfigOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
{
    public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);

    /// <summary>A provider whose global options are <paramref name="values"/> and whose per-file options are empty.</summary>
    public static AnalyzerConfigOptionsProvider Provider(params (string Key, string Value)[] values)
        => new TestProvider(new TestAnalyzerConfigOptions(values.ToImmutableDictionary(v => v.Key, v => v.Value)));

    private sealed class TestProvider(AnalyzerConfigOptions global) : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions Empty = new TestAnalyzerConfigOptions(ImmutableDictionary<string, string>.Empty);

        public override AnalyzerConfigOptions GlobalOptions => global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Empty;
    }
}
