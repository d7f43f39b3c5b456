using Gc3.Persistence.Generators.Schemas;
using Gc3.Persistence.Generators.Tests.Diagnostics;

namespace Gc3.Persistence.Generators.Tests.Schemas;

/// <summary>
/// Issue 15 §4: the generator writes the schema lock's text (for the package's targets to copy to
/// persistence.lock.json) only when the build sets UpdatePersistenceLock, and never reads the lock, so
/// editing the lock reruns none of its steps.
/// </summary>
public class SchemaLockGeneratorTests
{
    /// <summary>Two tagged types and an abstract base, which the lock leaves out: the locked model of these tests and the code fix's.</summary>
    internal const string Source = /* lang=c# */ """
        using Gc3.Persistence;

        namespace App;

        [Persistable("job")]
        public partial class Job
        {
            public string Name { get; set; } = "";
        }

        [Persistable("machine")]
        public partial class Machine
        {
            public int Cores { get; set; }
        }

        [Persistable("base")]
        public abstract partial class Base
        {
        }
        """;

    [Fact]
    public void Without_UpdatePersistenceLock_no_lock_is_written()
    {
        var (driver, _, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Source));
        Assert.DoesNotContain(GeneratorHarness.GeneratedFiles(driver), f => f.HintName == "Gc3.Persistence.Lock.g.cs");
    }

    [Fact]
    public void With_UpdatePersistenceLock_the_lock_text_is_written_between_its_markers_in_code_that_compiles_to_nothing()
    {
        var (driver, _) = GeneratorHarness.RunClean(GeneratorHarness.CreateCompilation(Source), GeneratorHarness.CreateDriver([], ("build_property.UpdatePersistenceLock", "true")));

        var file = GeneratorHarness.GeneratedFile(driver, "Gc3.Persistence.Lock.g.cs");
        const string begin = "// GC3-PERSISTENCE-LOCK-BEGIN\n";
        var start = file.IndexOf(begin, StringComparison.Ordinal) + begin.Length;
        var text = file[start..file.IndexOf("// GC3-PERSISTENCE-LOCK-END", StringComparison.Ordinal)];
        Assert.Equal(SchemaLockAnalyzerTests.LockOf(Source), text);
        Assert.Equal(["job", "machine"], SchemaLock.Read(text).Select(e => e.Model.Tag)); // concrete types only, by tag
        Assert.Contains("#if false", file, StringComparison.Ordinal);
    }

    [Fact]
    public void Editing_the_lock_reruns_nothing_in_the_generator()
    {
        var compilation = GeneratorHarness.CreateCompilation(Source);
        var lockText = new InMemoryAdditionalText("/app/persistence.lock.json", SchemaLockAnalyzerTests.LockOf(Source));
        var driver = GeneratorHarness.CreateDriver([lockText], ("build_property.UpdatePersistenceLock", "false")).RunGenerators(compilation);

        driver = driver.ReplaceAdditionalText(lockText, new InMemoryAdditionalText("/app/persistence.lock.json", "{\"format\":1,\"schemas\":[\n]}\n"));
        Incrementality.AssertCached(driver, compilation.Clone());
    }
}
