using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using Gc3.Persistence.Generators.Model;

namespace Gc3.Persistence.Generators.Tests.Infrastructure;

/// <summary>
/// Checks that the generator's pipeline is incremental: tracked steps rerun as Cached or Unchanged when
/// nothing a persistable type depends on changed, and no step ever holds a symbol, a syntax node or a
/// compilation (which would keep old compilations alive and defeat caching).
/// </summary>
internal static class Incrementality
{
    /// <summary>Every step name declared in <see cref="TrackingNames"/>.</summary>
    public static IReadOnlyList<string> TrackedStepNames { get; } = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    /// <summary>The reasons of a step output that nothing new was computed for.</summary>
    public static IReadOnlyList<IncrementalStepRunReason> Unchanged { get; } = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    /// <summary>Runs <paramref name="driver"/> on <paramref name="edited"/> and asserts that nothing was recomputed.</summary>
    public static GeneratorDriver AssertCached(GeneratorDriver driver, Compilation edited)
    {
        driver = driver.RunGenerators(edited);
        var result = driver.GetRunResult().Results.Single();
        foreach (var name in TrackedStepNames)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), $"the step '{name}' did not run; is its tracking name still applied?");
            var reasons = Reasons(result.TrackedSteps[name]);
            Assert.True(
                reasons.All(Unchanged.Contains),
                $"the step '{name}' recomputed after an edit that touches no persistable type: {string.Join(", ", reasons)}");
        }

        foreach (var (name, steps) in result.TrackedOutputSteps)
        {
            var reasons = Reasons(steps);
            Assert.True(reasons.All(r => r == IncrementalStepRunReason.Cached), $"the output '{name}' was written again: {string.Join(", ", reasons)}");
        }

        return driver;
    }

    /// <summary>The reasons of every output of a tracked step in the last run.</summary>
    public static IReadOnlyList<IncrementalStepRunReason> Reasons(IEnumerable<IncrementalGeneratorRunStep> steps)
        => steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    /// <summary>The reason the parse step gave for the spec of <paramref name="type"/> (a full name, <c>App.Job</c>) in the run of <paramref name="result"/>.</summary>
    public static IncrementalStepRunReason SpecReason(GeneratorRunResult result, string type)
        => Assert.Single(result.TrackedSteps[TrackingNames.PersistableTypes].SelectMany(s => s.Outputs), o => TypeOf(o.Value) == type).Reason;

    /// <summary>The source output step that wrote each persistable type's file in the run of <paramref name="result"/>, by the type's full name.</summary>
    public static IReadOnlyDictionary<string, IncrementalGeneratorRunStep> TypeOutputs(GeneratorRunResult result)
        => result.TrackedOutputSteps.Single(s => s.Key == "SourceOutput").Value
            .SelectMany(step => step.Inputs
                .Where(i => i.Source.Name == TrackingNames.PersistableTypes)
                .Select(i => (Type: TypeOf(i.Source.Outputs[i.OutputIndex].Value), Step: step)))
            .ToDictionary(o => o.Type, o => o.Step);

    private static string TypeOf(object spec) => ((PersistableTypeSpec)spec).FullyQualifiedName.Replace("global::", "", StringComparison.Ordinal);

    /// <summary>
    /// Walks the outputs of the generator's own tracked steps (Roslyn's internal attribute-lookup steps
    /// legitimately hold syntax trees) and fails on a symbol, a syntax node or a compilation inside.
    /// </summary>
    public static void AssertNoRoslynObjects(GeneratorDriver driver)
    {
        var result = driver.GetRunResult().Results.Single();
        foreach (var name in TrackedStepNames)
        {
            var steps = result.TrackedSteps[name];
            foreach (var output in steps.SelectMany(s => s.Outputs))
            {
                var found = FindRoslynObject(output.Value, new HashSet<object>(ReferenceEqualityComparer.Instance), "value", depth: 0);
                Assert.True(found is null, $"the step '{name}' holds {found}");
            }
        }
    }

    private static string? FindRoslynObject(object? value, HashSet<object> visited, string path, int depth)
    {
        if (value is null || depth > 32 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return null;
        }

        if (value is Compilation or ISymbol or SyntaxNode or SyntaxTree or SemanticModel)
        {
            return $"a {value.GetType().Name} at {path}";
        }

        if (!value.GetType().IsValueType && !visited.Add(value))
        {
            return null;
        }

        if (value is IEnumerable sequence)
        {
            var index = 0;
            foreach (var item in sequence)
            {
                if (FindRoslynObject(item, visited, $"{path}[{index++}]", depth + 1) is { } found)
                {
                    return found;
                }
            }

            return null;
        }

        for (var type = value.GetType(); type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (FindRoslynObject(field.GetValue(value), visited, $"{path}.{field.Name}", depth + 1) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }
}
