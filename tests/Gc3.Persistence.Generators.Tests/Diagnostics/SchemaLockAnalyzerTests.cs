using Gc3.Persistence.Generators.Schemas;
using Gc3.Persistence.Generators.Tests.Schemas;

namespace Gc3.Persistence.Generators.Tests.Diagnostics;

/// <summary>
/// Issue 15 §4: the schema lock. Version 1 of a model is compiled and its schemas locked, exactly as
/// <c>-p:UpdatePersistenceLock=true</c> writes them; version 2 is checked against that lock.
/// </summary>
public class SchemaLockAnalyzerTests
{
    private const string Version1 = /* lang=c# */ """
        using System.Collections.Generic;
        using Gc3.Persistence;

        namespace App;

        public enum JobState { New, Submitted, Done }

        [Persistable("job")]
        public partial class Job
        {
            public string Name { get; set; } = "";

            public int Cores { get; set; }

            public JobState State { get; set; }

            [PersistName("Title")]
            public string Label { get; set; } = "";

            public List<int> Sizes { get; set; } = [];
        }

        [Persistable]
        public partial class Machine
        {
            public string Host { get; set; } = "";
        }
        """;

    [Fact]
    public Task Unchanged_code_matches_its_lock()
        => VerifyAsync(Version1);

    [Fact]
    public Task Changes_that_resolution_handles_are_not_reported()
        => VerifyAsync(Version1
            .Replace("public int Cores", "public long Cores", StringComparison.Ordinal)                // int -> long
            .Replace("New, Submitted, Done", "New, Queued, Submitted, Done", StringComparison.Ordinal)   // inserted, by name
            .Replace("public List<int> Sizes { get; set; } = [];", "public long[] Sizes { get; set; } = [];", StringComparison.Ordinal)
            .Replace("public string Host", "public string? Host", StringComparison.Ordinal));

    [Fact]
    public Task GC3P020_fires_at_a_member_whose_type_changed_outside_the_rules()
        => VerifyAsync(
            Version1.Replace("public int Cores", "public string {|#0:Cores|}", StringComparison.Ordinal).Replace("public int Cores { get; set; }", "public string Cores { get; set; } = \"\";", StringComparison.Ordinal),
            new DiagnosticResult(DiagnosticDescriptors.LockedMemberTypeChanged).WithLocation(0).WithArguments("App.Job", "Cores", "int32", "string"));

    [Fact]
    public Task GC3P021_fires_at_the_member_whose_enum_lost_a_member()
        => VerifyAsync(
            Version1.Replace("New, Submitted, Done", "New, Sent, Done", StringComparison.Ordinal).Replace("public JobState State", "public JobState {|#0:State|}", StringComparison.Ordinal),
            new DiagnosticResult(DiagnosticDescriptors.LockedEnumMemberRemoved).WithLocation(0).WithArguments("App.Job", "State", "App.JobState", "the member 'Submitted'"));

    private const string StructVersion1 = /* lang=c# */ """
        using System.Collections.Generic;
        using Gc3.Persistence;

        namespace App;

        public enum JobState { New, Running, Done }

        public readonly record struct StateChange(JobState State, long At);

        [Persistable("job")]
        public partial class Job
        {
            public List<StateChange> History { get; set; } = [];
        }
        """;

    [Fact]
    public Task GC3P020_fires_at_a_reference_retyped_to_another_tag()
        => VerifyAsync(
            (Version1 + "\n[Persistable(\"host\")]\npublic partial class Host\n{\n    public string Name { get; set; } = \"\";\n}\n")
                .Replace("public List<int> Sizes { get; set; } = [];", "public List<int> Sizes { get; set; } = [];\n\n    public Host? {|#0:Owner|} { get; set; }", StringComparison.Ordinal),
            LockOf(Version1.Replace("public List<int> Sizes { get; set; } = [];", "public List<int> Sizes { get; set; } = [];\n\n    public Machine? Owner { get; set; }", StringComparison.Ordinal)),
            new DiagnosticResult(DiagnosticDescriptors.LockedMemberTypeChanged).WithLocation(0).WithArguments("App.Job", "Owner", "ref<App.Machine>", "ref<host>"),
            new DiagnosticResult(DiagnosticDescriptors.NotInLock).WithSpan(31, 22, 31, 26).WithArguments("The type 'App.Host' (tag 'host')"));

    [Fact]
    public Task GC3P021_stays_quiet_when_a_member_takes_unknown_values()
        => VerifyAsync(Version1.Replace("New, Submitted, Done", "[PersistUnknownEnumValue] New, Done", StringComparison.Ordinal));

    [Fact]
    public Task GC3P025_fires_at_a_member_whose_unmanaged_struct_holds_a_renumbered_enum()
        => VerifyAsync(
            StructVersion1.Replace("New, Running, Done", "New, Submitted, Running, Done", StringComparison.Ordinal).Replace("StateChange> History", "StateChange> {|#0:History|}", StringComparison.Ordinal),
            LockOf(StructVersion1),
            new DiagnosticResult(DiagnosticDescriptors.LockedEnumRenumbered).WithLocation(0)
                .WithArguments("App.Job", "History", "App.JobState", "App.StateChange", "'Running' was 1 and is 2 now, 'Done' was 2 and is 3 now"));

    [Fact]
    public Task GC3P025_stays_quiet_when_the_enum_keeps_its_numbers()
        => VerifyAsync(
            StructVersion1.Replace("New, Running, Done", "New, Submitted = 3, Running = 1, Done = 2", StringComparison.Ordinal),
            LockOf(StructVersion1));

    [Fact]
    public Task GC3P022_fires_at_a_member_whose_PersistName_was_removed()
        => VerifyAsync(
            Version1.Replace("[PersistName(\"Title\")]\n    public string Label", "public string {|#0:Label|}", StringComparison.Ordinal),
            new DiagnosticResult(DiagnosticDescriptors.LockedKeyRemoved).WithLocation(0).WithArguments("App.Job", "Label", Key("Title"), Key("Label")));

    [Fact]
    public Task GC3P023_warns_at_new_members_and_new_types()
        => VerifyAsync(
            Version1.Replace("public int Cores { get; set; }", "public int Cores { get; set; }\n\n    public int {|#0:Gpus|} { get; set; }", StringComparison.Ordinal)
            + "\n[Persistable]\npublic partial class {|#1:Cluster|}\n{\n    public int Size { get; set; }\n}\n",
            new DiagnosticResult(DiagnosticDescriptors.NotInLock).WithLocation(0).WithArguments("The member 'App.Job.Gpus'"),
            new DiagnosticResult(DiagnosticDescriptors.NotInLock).WithLocation(1).WithArguments("The type 'App.Cluster' (tag 'App.Cluster')"));

    [Fact]
    public Task GC3P019_fires_at_a_class_whose_tag_changed_and_on_the_lock_for_a_class_renamed()
    {
        // Job's explicit tag changed: reported at Job. Machine renamed Host (its default tag with it): at the lock's line.
        var version2 = Version1
            .Replace("[Persistable(\"job\")]\npublic partial class Job", "[Persistable(\"job-v2\")]\npublic partial class {|#0:Job|}", StringComparison.Ordinal)
            .Replace("public partial class Machine", "public partial class {|#1:Server|}", StringComparison.Ordinal);
        var lockText = LockOf(Version1);
        var machineLine = lockText.Split('\n').ToList().FindIndex(l => l.Contains("\"tag\":\"App.Machine\"", StringComparison.Ordinal));
        return VerifyAsync(
            version2,
            lockText,
            new DiagnosticResult(DiagnosticDescriptors.LockedTagMissing).WithLocation(0).WithArguments("job", "; 'App.Job' had it: add [Persistable(\"job\")] to keep loading its records"),
            new DiagnosticResult(DiagnosticDescriptors.LockedTagMissing).WithSpan(SchemaLock.FileName, machineLine + 1, 1, machineLine + 1, lockText.Split('\n')[machineLine].Length + 1)
                .WithArguments("App.Machine", " ('App.Machine' had it): give the type that now stands for it [Persistable(\"App.Machine\")]"),
            new DiagnosticResult(DiagnosticDescriptors.NotInLock).WithLocation(0).WithArguments("The type 'App.Job' (tag 'job-v2')"),
            new DiagnosticResult(DiagnosticDescriptors.NotInLock).WithLocation(1).WithArguments("The type 'App.Server' (tag 'App.Server')"));
    }

    [Fact]
    public Task GC3P024_fires_on_a_lock_that_is_not_a_lock()
        => VerifyAsync(
            Version1,
            "{\"format\":1,\"schemas\":[{\"tag\":3}]}\n",
            new DiagnosticResult(DiagnosticDescriptors.LockUnreadable).WithSpan(SchemaLock.FileName, 1, 1, 1, 35).WithArguments(SchemaLock.FileName, "'members' is missing or not an array"));

    [Fact]
    public Task Without_a_lock_nothing_is_reported()
    {
        var test = AnalyzerTests<SchemaLockAnalyzer>.Create([Version1.Replace("public int Cores", "public string Cores", StringComparison.Ordinal).Replace("string Cores { get; set; }", "string Cores { get; set; } = \"\";", StringComparison.Ordinal)], []);
        return test.RunAsync();
    }

    [Fact]
    public async Task GC3P009_still_fires_with_a_lock_present()
    {
        var test = AnalyzerTests<MemberKeyAnalyzer>.Create([MemberKeyAnalyzerTests.PersistNameRepeatsAName], []);
        test.TestState.AdditionalFiles.Add((SchemaLock.FileName, "{\"format\":1,\"schemas\":[\n]}\n"));
        test.ExpectedDiagnostics.Add(MemberKeyAnalyzerTests.PersistNameRepeatsANameResult);
        await test.RunAsync();
    }

    /// <summary>The lock of a source's concrete types, as the generator writes it.</summary>
    internal static string LockOf(string source)
    {
        var output = SchemaDocumentTests.Generate(WithoutMarkup(source));
        var documents = output.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>())
            .Select(c => output.GetSemanticModel(c.SyntaxTree).GetDeclaredSymbol(c))
            .OfType<INamedTypeSymbol>()
            .Where(t => t.Name == "Gc3Serializer")
            .Distinct(SymbolEqualityComparer.Default)
            .Cast<INamedTypeSymbol>()
            .Select(s => (string)s.GetMembers("SchemaDocument").OfType<IFieldSymbol>().Single().ConstantValue!)
            .Select(d => new KeyValuePair<string, string>(SchemaModel.FromJson(Json(d)).Tag, d));
        return SchemaLock.Write(documents);
    }

    /// <summary>A source with its location markup (<c>{|#0:</c>, <c>{|#1:</c> and <c>|}</c>) taken out.</summary>
    internal static string WithoutMarkup(string source)
        => source.Replace("{|#0:", "", StringComparison.Ordinal).Replace("{|#1:", "", StringComparison.Ordinal).Replace("|}", "", StringComparison.Ordinal);

    private static JsonValue Json(string text)
    {
        var position = 0;
        return JsonValue.Parse(text, ref position);
    }

    private static Task VerifyAsync(string version2, params DiagnosticResult[] expected)
        => VerifyAsync(version2, LockOf(Version1), expected);

    private static async Task VerifyAsync(string version2, string lockText, params DiagnosticResult[] expected)
    {
        var test = AnalyzerTests<SchemaLockAnalyzer>.Create([version2], []);
        test.TestState.AdditionalFiles.Add((SchemaLock.FileName, lockText));
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }

    private static string Key(string name)
    {
        var key = SchemaDocumentTests.Key(name);
        return $"{key} (0x{key:X8})";
    }
}
