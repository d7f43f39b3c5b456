using System.Buffers;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using Gc3.Persistence.Files;
using Gc3.Persistence.Generators.Schemas;
using Gc3.Persistence.Generators.Tests.Diagnostics;
using Gc3.Persistence.Records;
using Gc3.Persistence.Schemas;
using Gc3.Persistence.Testing;

namespace Gc3.Persistence.Generators.Tests.Schemas;

/// <summary>
/// Issue 15: the schema lock and the load apply one rules table. For each (version 1, version 2) pair of a
/// member's type, version 1 is compiled, loaded and saves a real record in a real file store; the lock's verdict
/// (SchemaLockAnalyzer on version 2 against the lock of version 1: an error or none) must equal the load's
/// (the runtime's ResolutionPlan rewrites the stored record into version 2's schema and it decodes, or a
/// LoadException).
/// </summary>
public sealed class RuleAgreementTests() : TemporaryDirectoryTests("rules")
{
    private static readonly string[] Refusals = [DiagnosticDescriptors.LockedMemberTypeChangedId, DiagnosticDescriptors.LockedEnumMemberRemovedId, DiagnosticDescriptors.LockedEnumRenumberedId];

    private static int s_case;

    public static TheoryData<string, string, string, string, string, bool> Pairs => new()
    {
        // name, version 1 member type, version 2 member type, version 1 value, extra types of v1 | of v2, loads
        { "int to long", "int", "long", "5", "", true },
        { "long to int", "long", "int", "5", "", false },
        { "int to string", "int", "string", "5", "", false },
        { "uint to long", "uint", "long", "5", "", true },
        { "int to decimal", "int", "decimal", "5", "", true },
        { "int to int?", "int", "int?", "5", "", true },
        { "int? to int", "int?", "int", "5", "", true },
        { "List<int> to int[]", "List<int>", "long[]", "[1, 2]", "", true },
        { "List<string> to HashSet<string>", "List<string>", "HashSet<string>", "[\"a\"]", "", true },
        { "List<int> to List<string>", "List<int>", "List<string>", "[1]", "", false },
        { "Dictionary<string,int> to Dictionary<string,long>", "Dictionary<string, int>", "Dictionary<string, long>", "new() { [\"a\"] = 1 }", "", true },
        { "string to enum", "string", "E", "\"B\"", "|public enum E { A, B }", true },
        { "enum to string", "E", "string", "E.B", "public enum E { A, B }|", true },
        { "enum member inserted", "E", "E", "E.B", "public enum E { A, B }|public enum E { A, X, B }", true },
        { "enum member removed", "E", "E", "E.B", "public enum E { A, B }|public enum E { A }", false },
        { "enum member removed, unknown taken", "E", "E", "E.B", "public enum E { A, B }|public enum E { [PersistUnknownEnumValue] A }", true },
        { "object members reordered and widened", "S", "S", "new S { X = 1, Y = \"y\" }", Object("int X", "string? Y") + "|" + Object("string? Y", "long X"), true },
        { "object member removed and one added", "S", "S", "new S { X = 1, Y = \"y\" }", Object("int X", "string? Y") + "|" + Object("string? Y", "int Z"), true },
        { "object member type narrowed", "S", "S", "new S { X = 1, Y = \"y\" }", Object("long X", "string? Y") + "|" + Object("int X", "string? Y"), false },
        { "version-tolerant object whose enum grew", "S", "S", "new S { X = E.B }", Tolerant + "public enum E { A, B }|" + Tolerant + "public enum E { A, B, C }", false },
        { "enum in an unmanaged struct inserted", "P", "P", "new P(E.B, 7)", Unmanaged + "public enum E { A, B }|" + Unmanaged + "public enum E { A, X, B }", false },
        { "enum in an unmanaged struct appended", "P", "P", "new P(E.B, 7)", Unmanaged + "public enum E { A, B }|" + Unmanaged + "public enum E { A, B, X }", true },
        { "enum in a list of unmanaged structs reordered", "List<P>", "List<P>", "[new P(E.B, 7)]", Unmanaged + "public enum E { A, B }|" + Unmanaged + "public enum E { B, A }", false },
        { "enum in an unmanaged struct kept by explicit numbers", "P", "P", "new P(E.B, 7)", Unmanaged + "public enum E { A, B }|" + Unmanaged + "public enum E { A = 0, X = 2, B = 1 }", true },
    };

    private const string Tolerant = "[MemoryPackable(GenerateType.VersionTolerant)] public partial class S { [MemoryPackOrder(0)] public E X { get; set; } }\n";

    private const string Unmanaged = "public readonly record struct P(E State, long At);\n";

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task The_lock_refuses_exactly_what_the_load_refuses(string name, string before, string after, string value, string types, bool loads)
    {
        var tag = $"agreement-{Interlocked.Increment(ref s_case)}";
        var parts = types.Split('|');
        var version1 = Source(tag, before, parts[0], $"public static object Make() => new Holder {{ Value = {value} }};");
        var version2 = Source(tag, after, parts.Length > 1 ? parts[1] : parts[0], "");

        var lockRefuses = await LockRefusesAsync(version1, version2);
        var loadRefuses = LoadRefuses(tag, version1, version2, out var why);

        Assert.True(lockRefuses == loadRefuses, $"{name}: the lock {(lockRefuses ? "refuses" : "accepts")}, the load {(loadRefuses ? "refuses: " + why : "loads")}");
        Assert.Equal(!loads, loadRefuses);
    }

    private static string Object(string first, string second)
        => $"[MemoryPackable] public partial class S {{ public {first} {{ get; set; }} public {second} {{ get; set; }} }}\n";

    private static string Source(string tag, string type, string types, string factory) => $$"""
        using System.Collections.Generic;
        using Gc3.Persistence;
        using MemoryPack;

        namespace App;

        {{types}}

        [Persistable("{{tag}}")]
        public partial class Holder
        {
            public {{type}} Value { get; set; } = default!;

            {{factory}}
        }
        """;

    private static async Task<bool> LockRefusesAsync(string version1, string version2)
    {
        var compilation = SchemaDocumentTests.Generate(version2);
        var lockText = new InMemoryAdditionalText("/app/" + SchemaLock.FileName, SchemaLockAnalyzerTests.LockOf(version1));
        var diagnostics = await compilation
            .WithAnalyzers([new SchemaLockAnalyzer()], new AnalyzerOptions([lockText]))
            .GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == DiagnosticDescriptors.LockUnreadableId);
        return diagnostics.Any(d => Refusals.Contains(d.Id));
    }

    private bool LoadRefuses(string tag, string version1, string version2, out string why)
    {
        // A real record of version 1, saved by a real file store.
        var compiled = SchemaDocumentTests.Generate(version1);
        using var image = new MemoryStream();
        var emitted = WithMemoryPack(version1, tag).Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        var assembly = Assembly.Load(image.ToArray());
        var holder = assembly.GetType("App.Holder")!.GetMethod("Make")!.Invoke(null, null)!;
        var directory = Folder.Combine(tag);
        Id id;
        using (var store = new FilesystemStore(directory))
        {
            id = store.Save(holder);
        }

        var record = File.ReadAllBytes(Path.Combine(directory, id.ToString()));
        RecordFormat.ReadHeader(id, record, out var range);
        var body = record[range];

        // The load's resolution of it into version 2.
        var writer = SchemaDocument.Parse(SchemaDocumentTests.DocumentOf(compiled, "App.Holder"));
        var reader = SchemaDocument.Parse(SchemaDocumentTests.DocumentOf(SchemaDocumentTests.Generate(version2), "App.Holder"));
        try
        {
            var output = new ArrayBufferWriter<byte>();
            ResolutionPlan.Build(writer, reader).Transcode(id, body, output);
            using var json = new Utf8JsonWriter(new ArrayBufferWriter<byte>());
            RecordJson.WriteBody(json, reader, output.WrittenSpan);
            why = "";
            return false;
        }
        catch (LoadException e)
        {
            why = e.Message;
            return true;
        }
    }

    // Version 1 as a build compiles it: MemoryPack's generator (loaded from the NuGet cache, as the build loads it)
    // and ours, with a net10.0 build's preprocessor symbols, which MemoryPack's generator reads.
    private static Compilation WithMemoryPack(string source, string tag)
    {
        string[] symbols = ["NET", "NETCOREAPP", "NET10_0", .. Enumerable.Range(5, 6).Select(v => $"NET{v}_0_OR_GREATER")];
        var options = GeneratorHarness.ParseOptions.WithPreprocessorSymbols(symbols);
        var compilation = GeneratorHarness.CreateCompilation(source, "Agreement." + tag.Replace('-', '_'));
        compilation = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText(source, options, path: "Source0.cs"));
        var memoryPack = Path.Join(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "memorypack.generator", typeof(MemoryPack.MemoryPackSerializer).Assembly.GetName().Version!.ToString(3), "analyzers", "dotnet", "cs", "MemoryPack.Generator.dll");
        var generator = (IIncrementalGenerator)Activator.CreateInstance(Assembly.LoadFrom(memoryPack).GetTypes()
            .Single(t => typeof(IIncrementalGenerator).IsAssignableFrom(t) && t.GetCustomAttribute<GeneratorAttribute>() is not null && t.Name == "MemoryPackGenerator"))!;
        CSharpGeneratorDriver.Create([generator.AsSourceGenerator(), new PersistableGenerator().AsSourceGenerator()], parseOptions: options)
            .RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return output;
    }
}
