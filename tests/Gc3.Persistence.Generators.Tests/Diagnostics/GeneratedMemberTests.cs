namespace Gc3.Persistence.Generators.Tests.Diagnostics;

/// <summary>
/// The analyzers tell the generator's members from the user's by the generated file they are declared in
/// (<see cref="PersistableRules.IsGeneratedMember"/>), on the compilation a build analyzes.
/// </summary>
public class GeneratedMemberTests
{
    private const string Source = /* lang=c# */ """
        using Gc3.Persistence;

        namespace App;

        [Persistable]
        public partial class Task
        {
            public partial string Name { get; set; }

            public int Priority { get; set; }
        }

        [Persistable]
        public partial class Job : Task
        {
            public partial int? Cores { get; set; }
        }
        """;

    [Fact]
    public void Every_type_file_the_generator_writes_ends_with_the_suffix_the_rules_look_for()
    {
        var (driver, _, _) = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Source));
        var files = GeneratorHarness.GeneratedFiles(driver).Select(f => f.HintName).ToList();
        Assert.Equal(
            ["App.Job" + PersistableRules.GeneratedTypeFileSuffix, "App.Task" + PersistableRules.GeneratedTypeFileSuffix],
            files.Where(f => f.StartsWith("App.", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_generated_members_are_recognised_and_the_users_are_not()
    {
        var (_, output) = GeneratorHarness.RunClean(GeneratorHarness.CreateCompilation(Source));
        var task = output.GetTypeByMetadataName("App.Task")!;
        var job = output.GetTypeByMetadataName("App.Job")!;

        Assert.True(PersistableRules.IsGeneratedMember(task.GetMembers("PersistentId").Single()));
        Assert.True(PersistableRules.IsGeneratedMember(task.GetMembers("Changed").Single()));
        Assert.False(PersistableRules.IsGeneratedMember(task.GetMembers("Priority").Single()));
        Assert.Empty(PersistableRules.ClashingGeneratedMembers(task));
        Assert.True(PersistableRules.CanGenerate(task));

        // A partial property is the user's definition with the generator's implementation.
        var name = (IPropertySymbol)task.GetMembers("Name").Single();
        var cores = (IPropertySymbol)job.GetMembers("Cores").Single();
        Assert.False(PersistableRules.IsGeneratedMember(name));
        Assert.True(PersistableRules.IsGeneratedMember(name.PartialImplementationPart!));
        Assert.True(PersistableRules.IsGeneratedPartial(name));
        Assert.True(PersistableRules.IsGeneratedPartial(cores));
    }
}
