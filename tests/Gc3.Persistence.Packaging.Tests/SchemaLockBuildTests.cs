using Gc3.Persistence.Generators.Tests.Infrastructure;

namespace Gc3.Persistence.Packaging.Tests;

/// <summary>
/// Issue 15 §4 with a real <c>dotnet build</c>: a project that imports the package's props and targets
/// (build/Gc3.Persistence.props and .targets) and uses the generator as an analyzer, built from a clean copy of
/// the repository. <c>-p:UpdatePersistenceLock=true</c> writes the lock, a plain build then checks the code
/// against it and fails on a breaking change, and the switch accepts the change.
/// </summary>
[Trait("Category", "Slow")]
public sealed class SchemaLockBuildTests : IDisposable
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <Import Project="../src/Gc3.Persistence/build/Gc3.Persistence.props" />
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <OutputType>Library</OutputType>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="../src/Gc3.Persistence/Gc3.Persistence.csproj" />
            <ProjectReference Include="../generators/Gc3.Persistence.Generators/Gc3.Persistence.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
          </ItemGroup>
          <Import Project="../src/Gc3.Persistence/build/Gc3.Persistence.targets" />
        </Project>
        """;

    private const string Model = """
        using Gc3.Persistence;

        namespace LockApp;

        internal enum JobState
        {
            New,
            Done,
        }

        [Persistable("job")]
        internal sealed partial class Job
        {
            public string Name { get; set; } = "";

            public int Cores { get; set; }

            public JobState State { get; set; }
        }
        """;

    private readonly TemporaryDirectory _folder = new("schema-lock-build");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void UpdatePersistenceLock_writes_the_lock_a_build_checks_and_accepts_a_change()
    {
        RepositoryCopy.CopyTo(_folder.Path);
        var app = _folder.Combine("app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "LockApp.csproj"), Project);
        File.WriteAllText(Path.Combine(app, "Job.cs"), Model);
        var lockFile = Path.Combine(app, "persistence.lock.json");

        Build(app, "-p:UpdatePersistenceLock=true").EnsureSuccess();
        var written = File.ReadAllText(lockFile);
        var job = Assert.Single(SchemaLockLines.Documents(written));
        Assert.StartsWith("{\"format\":1,\"tag\":\"job\",\"idPrefix\":\"Job\",\"type\":\"LockApp.Job\"", job, StringComparison.Ordinal);
        Assert.Contains("{\"name\":\"Cores\",\"key\":", job, StringComparison.Ordinal);
        Assert.Contains("\"shape\":\"int32\"", job, StringComparison.Ordinal);

        // The code matches its lock: a plain build passes and leaves the lock as it is.
        Build(app).EnsureSuccess();
        Assert.Equal(written, File.ReadAllText(lockFile));

        // A breaking change fails the build where it was made; an enum member inserted does not.
        File.WriteAllText(Path.Combine(app, "Job.cs"), Model
            .Replace("public int Cores { get; set; }", "public string Cores { get; set; } = \"\";", StringComparison.Ordinal)
            .Replace("New,", "New,\n    Queued,", StringComparison.Ordinal));
        var broken = Build(app);
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains("Job.cs", broken.Output, StringComparison.Ordinal);
        Assert.Contains("error GC3P020: 'LockApp.Job.Cores' was stored as 'int32' and is now 'string'", broken.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("GC3P021", broken.Output, StringComparison.Ordinal);

        // Accepted on purpose: the switch rewrites the lock, and the build passes again.
        Build(app, "-p:UpdatePersistenceLock=true").EnsureSuccess();
        Assert.Contains("{\"name\":\"Cores\"", File.ReadAllText(lockFile), StringComparison.Ordinal);
        Assert.Contains("\"shape\":\"string\"", File.ReadAllText(lockFile), StringComparison.Ordinal);
        Assert.Contains("[\"Queued\",1]", File.ReadAllText(lockFile), StringComparison.Ordinal);
        Build(app).EnsureSuccess();
    }

    private static ProcessResult Build(string directory, params string[] arguments)
        => ProcessRunner.Dotnet(directory, TimeSpan.FromMinutes(15), null, ["build", "-nodeReuse:false", "-p:UseSharedCompilation=false", .. arguments]);
}
