using System.Collections.Immutable;

namespace Gc3.Persistence.Generators.Tests.Diagnostics;

/// <summary>
/// The generator skips quietly what the analyzers report: a type gets generated code exactly when no
/// type-level error is reported on it, and a member is left out exactly when GC3P002 is reported on it.
/// All analyzers run together over the compilation the generator produced, as in a real build.
/// </summary>
public class GeneratorAgreementTests
{
    private const string Source = /* lang=c# */ """
        using System;
        using System.Collections.Generic;
        using Gc3.Persistence;

        namespace App;

        [Persistable] public partial class Good { public partial string Name { get; set; } public Action? Callback { get; set; } public int Cores { get; set; } }
        [Persistable] public class NotPartial { }
        public class Outer { [Persistable] public partial class InNonPartial { } }
        [Persistable] public partial class NoConstructor { public NoConstructor(int x) { } }
        [Persistable] public static partial class Static { }
        [Persistable] public partial class Generic<T> { }
        [Persistable] public partial class OwnChanged { public bool Changed { get; set; } }
        [Persistable] public abstract partial class AbstractBase { public abstract int Size { get; set; } }
        [Persistable] public partial class Derived : AbstractBase { public override int Size { get; set; } public object? Payload { get; set; } }
        """;

    private static readonly string[] TypeLevelErrors =
    [
        DiagnosticDescriptors.TypeNotPartialId,
        DiagnosticDescriptors.NoParameterlessConstructorId,
        DiagnosticDescriptors.UnsupportedTypeKindId,
        DiagnosticDescriptors.GeneratedMemberClashId,
    ];

    [Fact]
    public async Task A_type_is_generated_exactly_when_no_type_level_error_is_reported_on_it()
    {
        var (generated, diagnostics) = await RunAsync();
        var types = new[] { "Good", "NotPartial", "InNonPartial", "NoConstructor", "Static", "Generic", "OwnChanged", "AbstractBase", "Derived" };
        foreach (var type in types)
        {
            var hasFile = generated.Any(f => f.HintName.EndsWith("." + type + ".Persistable.g.cs", StringComparison.Ordinal));
            var hasError = diagnostics.Any(d => TypeLevelErrors.Contains(d.Id) && d.GetMessage().Contains($"'App.{type}", StringComparison.Ordinal)
                || (d.Id == DiagnosticDescriptors.TypeNotPartialId && d.GetMessage().Contains($"{type}'", StringComparison.Ordinal)));
            Assert.True(hasFile != hasError, $"{type}: generated = {hasFile}, type-level error reported = {hasError}");
        }
    }

    [Fact]
    public async Task A_member_is_left_out_exactly_when_GC3P002_is_reported_on_it()
    {
        var (generated, diagnostics) = await RunAsync();
        var good = generated.Single(f => f.HintName == "App.Good.Persistable.g.cs").Text;
        var derived = generated.Single(f => f.HintName == "App.Derived.Persistable.g.cs").Text;

        // A persisted member is written by one call that ends with its value.
        Assert.Contains(", this.__gc3_Name);", good);
        Assert.Contains(", this.Cores);", good);
        Assert.DoesNotContain("this.Callback", good);
        Assert.DoesNotContain("this.Payload", derived);
        Assert.DoesNotContain("this.Size", generated.Single(f => f.HintName == "App.AbstractBase.Persistable.g.cs").Text); // abstract: no storage
        Assert.Contains(", this.Size);", derived); // the override's backing field is the state
        Assert.Equal(
            ["Callback", "Payload"],
            diagnostics.Where(d => d.Id == DiagnosticDescriptors.MemberNotSerializableId)
                .Select(d => d.Location.SourceTree!.GetRoot().FindToken(d.Location.SourceSpan.Start).ValueText)
                .Order(StringComparer.Ordinal));
    }

    private static async Task<(IReadOnlyList<(string HintName, string Text)> Generated, ImmutableArray<Diagnostic> Diagnostics)> RunAsync()
    {
        var (driver, output, generatorDiagnostics) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Source));
        Assert.Empty(generatorDiagnostics);
        var diagnostics = await output.WithAnalyzers(GeneratorHarness.CreateAnalyzers()).GetAnalyzerDiagnosticsAsync();

        // The analyzers never look into generated code.
        Assert.DoesNotContain(diagnostics, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        return (GeneratorHarness.GeneratedFiles(driver), diagnostics);
    }
}
