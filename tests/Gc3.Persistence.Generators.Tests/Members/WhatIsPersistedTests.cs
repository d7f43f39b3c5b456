namespace Gc3.Persistence.Generators.Tests.Members;

/// <summary>
/// Issue 13 §1: the "What is persisted" table (docs/what-is-persisted.md) says exactly what the generator does. Its rows are
/// <see cref="PersistableRules.MemberRules"/>, and one example member per row, compiled through the generator,
/// falls under that row's rule and is written by the generated code exactly when the row says "yes".
/// </summary>
public class WhatIsPersistedTests
{
    // One member per rule, in a [Persistable] class 'Sample' deriving from 'Base' (for the override row).
    private static readonly Dictionary<MemberRule, (string Declaration, string Name)> Examples = new()
    {
        [MemberRule.AutoProperty] = ("protected string AutoProperty { get; private set; } = \"\";", "AutoProperty"),
        [MemberRule.GetOnlyAutoProperty] = ("internal int GetOnly { get; }", "GetOnly"),
        [MemberRule.GeneratedPartialProperty] = ("public partial string Partial { get; set; }", "Partial"),
        [MemberRule.Field] = ("private int _field;", "_field"),
        [MemberRule.ReadOnlyField] = ("private readonly List<string> _items = new();", "_items"),
        [MemberRule.Computed] = ("public IReadOnlyList<string> Items => _items;", "Items"),
        [MemberRule.Static] = ("private static int s_count;", "s_count"),
        [MemberRule.Const] = ("public const int Max = 3;", "Max"),
        [MemberRule.Ignored] = ("[PersistIgnore] private int _ignored;", "_ignored"),
        [MemberRule.NonSerialized] = ("[NonSerialized] private int _cache;", "_cache"),
        [MemberRule.PersistedByBase] = ("public override int Size { get; set; }", "Size"),
    };

    [Fact]
    public void The_documented_table_lists_the_generators_rules()
    {
        var page = File.ReadAllLines(Path.Combine(Repository.Root, "docs", "what-is-persisted.md"));
        var heading = Array.IndexOf(page, "## Members");
        Assert.True(heading >= 0, "docs/what-is-persisted.md has no '## Members' section");
        var rows = page.Skip(heading).SkipWhile(l => !l.StartsWith("| Member |", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith('|'))
            .ToList();

        var expected = PersistableRules.MemberRules.Select(r => $"| {r.Member} | {(r.Persisted ? "yes" : "no")} | {r.Why} |");
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void One_member_per_row_is_classified_and_written_as_the_row_says()
    {
        Assert.Equal(PersistableRules.MemberRules.Select(r => r.Rule).Order(), Examples.Keys.Order());
        var source = $$"""
            using System;
            using System.Collections.Generic;
            using Gc3.Persistence;

            namespace App;

            [Persistable]
            public partial class Base
            {
                public virtual int Size { get; set; }
            }

            [Persistable]
            public partial class Sample : Base
            {
            {{string.Join("\n", Examples.Values.Select(e => "    " + e.Declaration))}}

                public int Use() => _field + _cache + _ignored + s_count + GetOnly;
            }
            """;
        var (driver, output, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(source));
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var sample = output.GetTypeByMetadataName("App.Sample")!;
        var generated = GeneratorHarness.GeneratedFile(driver, "App.Sample.Persistable.g.cs");
        var writes = generated[generated.IndexOf("Gc3WriteMembers(ref Gc3Writer", StringComparison.Ordinal)..generated.IndexOf("Gc3ReadMember(ref", StringComparison.Ordinal)];

        foreach (var row in PersistableRules.MemberRules)
        {
            var (_, name) = Examples[row.Rule];
            var member = sample.GetMembers(name).Single(m => m is IFieldSymbol or IPropertySymbol);
            Assert.Equal(row.Rule, PersistableRules.ClassifyMember(member, out _));
            var written = writes.Contains($"this.{name})", StringComparison.Ordinal)
                || writes.Contains($"Gc3Field_{name}(this)", StringComparison.Ordinal)
                || writes.Contains($"this.__gc3_{name})", StringComparison.Ordinal);
            Assert.True(written == row.Persisted, $"{row.Rule} ({name}): written = {written}, the table says {(row.Persisted ? "yes" : "no")}");
        }
    }
}
