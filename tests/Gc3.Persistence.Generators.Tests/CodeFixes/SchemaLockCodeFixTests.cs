using Gc3.Persistence.CodeFixes;
using Gc3.Persistence.Generators.Schemas;
using Gc3.Persistence.Generators.Tests.Diagnostics;
using Gc3.Persistence.Generators.Tests.Schemas;

namespace Gc3.Persistence.Generators.Tests.CodeFixes;

/// <summary>GC3P023's code fix puts the type's current schema into the lock: after it, the lock is the one the code's schemas make.</summary>
public class SchemaLockCodeFixTests : CodeFixTests<SchemaLockAnalyzer, SchemaLockCodeFixProvider>
{
    /// <summary>The model as locked; version 2 adds a member and a type.</summary>
    private const string Version1 = SchemaLockGeneratorTests.Source;

    [Fact]
    public async Task The_fix_adds_a_new_member_and_a_new_type_to_the_lock()
    {
        var version2 = Version1
            .Replace("public string Name { get; set; } = \"\";", "public string Name { get; set; } = \"\";\n\n    public int {|#0:Cores|} { get; set; }", StringComparison.Ordinal)
            + "\n[Persistable(\"cluster\")]\npublic partial class {|#1:Cluster|}\n{\n    public int Size { get; set; }\n}\n";
        var plain = SchemaLockAnalyzerTests.WithoutMarkup(version2);
        var before = SchemaLockAnalyzerTests.LockOf(Version1);
        var after = SchemaLockAnalyzerTests.LockOf(plain);
        Assert.NotEqual(before, after);

        var test = Create(version2, plain);
        test.NumberOfFixAllIterations = 0;
        test.CodeFixTestBehaviors = CodeFixTestBehaviors.SkipFixAllCheck;
        test.NumberOfIncrementalIterations = 2;
        test.TestState.AdditionalFiles.Add((SchemaLock.FileName, before));
        test.FixedState.AdditionalFiles.Add((SchemaLock.FileName, after));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.NotInLock).WithLocation(0).WithArguments("The member 'App.Job.Cores'"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.NotInLock).WithLocation(1).WithArguments("The type 'App.Cluster' (tag 'cluster')"));
        await test.RunAsync();
    }

    [Fact]
    public void The_lock_is_sorted_by_tag_with_one_document_per_line()
    {
        var text = SchemaLockAnalyzerTests.LockOf(Version1);
        var documents = SchemaLockLines.Documents(text);
        Assert.Equal(2, documents.Length);
        Assert.StartsWith("{\"format\":1,\"tag\":\"job\"", documents[0], StringComparison.Ordinal);
        Assert.EndsWith("},", documents[0], StringComparison.Ordinal);
        Assert.StartsWith("{\"format\":1,\"tag\":\"machine\"", documents[1], StringComparison.Ordinal);
        Assert.Equal(["job", "machine"], SchemaLock.Read(text).Select(e => e.Model.Tag));
    }
}
