using System.Reflection;

namespace Gc3.Persistence.Generators.Tests.Snapshots;

/// <summary>
/// Every <c>global::</c> name the emitter writes from <see cref="KnownTypeNames"/> names a type (or, for
/// MemoryPack's formatters, a namespace) that exists in a compilation referencing the runtime: a renamed
/// or removed runtime type fails here, not only in the scenarios that happen to emit it.
/// </summary>
public class KnownTypeNamesTests
{
    public static TheoryData<string, string> EmittedNames()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in typeof(KnownTypeNames).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetRawConstantValue() is string value && value.StartsWith("global::", StringComparison.Ordinal))
            {
                data.Add(field.Name, value);
            }
        }

        return data;
    }

    [Fact]
    public void The_emitted_names_are_collected()
        => Assert.Contains(EmittedNames(), row => (string)row[0] == nameof(KnownTypeNames.MemberFraming));

    [Theory]
    [MemberData(nameof(EmittedNames))]
    public void Every_emitted_name_resolves_against_the_runtime(string constant, string name)
    {
        var compilation = CSharpCompilation.Create("Names", references: TestReferences.All);
        var metadataName = name["global::".Length..];

        // A generic type is written without its arity (the emitter adds the type arguments).
        var resolved = Enumerable.Range(0, 3)
            .Select(arity => arity == 0 ? metadataName : $"{metadataName}`{arity}")
            .Any(candidate => compilation.GetTypeByMetadataName(candidate) is not null)
            || IsNamespace(compilation.GlobalNamespace, metadataName);

        Assert.True(resolved, $"KnownTypeNames.{constant} = {name} names no type or namespace of the runtime, MemoryPack or .NET");
    }

    private static bool IsNamespace(INamespaceSymbol global, string name)
    {
        var current = (INamespaceSymbol?)global;
        foreach (var part in name.Split('.'))
        {
            current = current?.GetNamespaceMembers().FirstOrDefault(ns => ns.Name == part);
        }

        return current is not null;
    }
}
