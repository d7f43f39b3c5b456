using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Gc3.Persistence.Packaging.Tests;

/// <summary>
/// The NuGet packages as a user gets them: their contents and metadata, and a fresh application that
/// references only the packages, restored into an empty package cache.
/// </summary>
[Trait("Category", "Slow")]
public sealed class PackageTests(PackagesFixture packages) : IClassFixture<PackagesFixture>
{
    [Fact]
    public void Every_src_project_packs_with_metadata_licence_readme_xml_docs_and_symbols()
    {
        Assert.All(packages.Packs, pack => pack.EnsureSuccess());
        Assert.All(packages.Packs, pack => Assert.Empty(BuildWarnings.Parse(pack.Output)));
        Assert.Contains("Gc3.Persistence", packages.Projects);
        Assert.Contains("Gc3.Persistence.Sql", packages.Projects);
        foreach (var id in packages.Projects)
        {
            using var package = ZipFile.OpenRead(packages.PackagePath(id));
            var entries = package.Entries.Select(e => e.FullName).ToHashSet();
            var tool = id == "Gc3.Persistence.Tool"; // a .NET tool (gc3p): the program under tools/, no API to document
            if (tool)
            {
                Assert.Contains("tools/net10.0/any/gc3p.dll", entries);
                Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", entries);
            }
            else
            {
                Assert.Contains($"lib/net10.0/{id}.dll", entries);
                Assert.Contains($"lib/net10.0/{id}.xml", entries);
            }

            Assert.Contains("README.md", entries);

            var metadata = Nuspec(package).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
            Assert.Equal(id, Field("id"));
            Assert.Equal(packages.Version, Field("version"));
            Assert.Equal("README.md", Field("readme"));
            Assert.True(Field("description").Length > 80, $"{id} needs a real description");
            Assert.NotEmpty(Field("authors"));
            Assert.Contains("persistence", Field("tags"));

            // The licence as an SPDX expression, and the repository as both the project page and the source.
            var license = metadata.Elements().Single(e => e.Name.LocalName == "license");
            Assert.Equal("expression", (string?)license.Attribute("type"));
            Assert.Equal("MIT", license.Value);
            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.Equal("git", (string?)repository.Attribute("type"));
            var repositoryUrl = (string?)repository.Attribute("url") ?? "";
            Assert.StartsWith("https://github.com/", repositoryUrl, StringComparison.Ordinal);
            Assert.Equal(repositoryUrl, Field("projectUrl"));

            using var symbols = ZipFile.OpenRead(packages.SymbolsPath(id));
            Assert.Contains(tool ? "tools/net10.0/any/Gc3.Persistence.Sql.pdb" : $"lib/net10.0/{id}.pdb", symbols.Entries.Select(e => e.FullName));
        }
    }

    [Theory]
    [InlineData("Gc3.Persistence.Sqlite", "Microsoft.Data.Sqlite")]
    [InlineData("Gc3.Persistence.Postgres", "Npgsql")]
    public void Store_packages_depend_on_the_runtime_package_with_its_generator(string id, string driver)
    {
        Assert.All(packages.Packs, pack => pack.EnsureSuccess());
        using var package = ZipFile.OpenRead(packages.PackagePath(id));
        var dependencies = Nuspec(package).Descendants().Where(e => e.Name.LocalName == "dependency").ToDictionary(d => (string)d.Attribute("id")!);
        Assert.Equal(packages.Version, (string?)dependencies["Gc3.Persistence"].Attribute("version"));
        Assert.DoesNotContain("Analyzers", (string?)dependencies["Gc3.Persistence"].Attribute("exclude") ?? "");
        Assert.Equal(packages.Version, (string?)dependencies["Gc3.Persistence.Sql"].Attribute("version"));
        Assert.Contains(driver, dependencies.Keys);
    }

    [Fact]
    public void Sql_package_depends_on_the_runtime_package_with_its_generator_and_on_no_database_driver()
    {
        Assert.All(packages.Packs, pack => pack.EnsureSuccess());
        using var package = ZipFile.OpenRead(packages.PackagePath("Gc3.Persistence.Sql"));
        var dependencies = Nuspec(package).Descendants().Where(e => e.Name.LocalName == "dependency").ToDictionary(d => (string)d.Attribute("id")!);
        Assert.Equal(packages.Version, (string?)dependencies["Gc3.Persistence"].Attribute("version"));
        Assert.DoesNotContain("Analyzers", (string?)dependencies["Gc3.Persistence"].Attribute("exclude") ?? "");
        Assert.DoesNotContain("Microsoft.Data.Sqlite", dependencies.Keys);
        Assert.DoesNotContain("Npgsql", dependencies.Keys);
    }

    [Fact]
    public void Runtime_package_carries_the_generator_as_an_analyzer_not_as_a_dependency()
    {
        Assert.All(packages.Packs, pack => pack.EnsureSuccess());
        using var package = ZipFile.OpenRead(packages.PackagePath("Gc3.Persistence"));
        var analyzers = package.Entries.Where(e => e.FullName.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal)).ToList();
        var expected = new List<string> { "Gc3.Persistence.Generators.dll" };
        if (File.Exists(Path.Combine(packages.Repository, "generators", "Gc3.Persistence.CodeFixes", "Gc3.Persistence.CodeFixes.csproj")))
        {
            expected.Add("Gc3.Persistence.CodeFixes.dll");
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), analyzers.Select(e => e.Name).Order(StringComparer.Ordinal));

        // The analyzer DLL is the real generator, not a placeholder.
        var generator = analyzers.Single(e => e.Name == "Gc3.Persistence.Generators.dll");
        using var bytes = new MemoryStream();
        using (var stream = generator.Open())
        {
            stream.CopyTo(bytes);
        }

        bytes.Position = 0;
        using var pe = new PEReader(bytes);
        var reader = pe.GetMetadataReader();
        var types = reader.TypeDefinitions.Select(h => reader.GetString(reader.GetTypeDefinition(h).Name)).ToList();
        Assert.Contains("PersistableGenerator", types);

        var dependencies = Nuspec(package).Descendants().Where(e => e.Name.LocalName == "dependency").ToList();
        var ids = dependencies.Select(d => (string)d.Attribute("id")!).ToList();
        Assert.Contains("MemoryPack", ids);
        Assert.DoesNotContain(ids, id => id.StartsWith("Gc3.Persistence", StringComparison.Ordinal));

        // MemoryPack's own generator reaches users, for the [MemoryPackable] values their classes hold.
        var memoryPack = dependencies.Single(d => (string)d.Attribute("id")! == "MemoryPack");
        Assert.DoesNotContain("Analyzers", (string?)memoryPack.Attribute("exclude") ?? "");
    }

    [Theory]
    [InlineData("Gc3.Persistence")]
    [InlineData("Gc3.Persistence.Sqlite", "Gc3.Persistence.Postgres")] // the generator comes through their dependency
    public void Consumer_built_from_the_packages_alone_round_trips_a_graph(params string[] references)
    {
        Assert.All(packages.Packs, pack => pack.EnsureSuccess());
        var consumer = CreateConsumer("consumer-" + string.Join("-", references), references, fallbackFolder: null);
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages.NewFolder("nuget-cache-" + string.Join("-", references)) };

        var build = ProcessRunner.Dotnet(consumer, TimeSpan.FromMinutes(15), environment, "build", "-c", "Release", "-nodeReuse:false").EnsureSuccess();
        Assert.Empty(BuildWarnings.Parse(build.Output));
        var restored = Path.Combine(environment["NUGET_PACKAGES"], "gc3.persistence", packages.Version);
        Assert.True(Directory.Exists(restored), $"Gc3.Persistence {packages.Version} was not restored into the empty cache");

        // The generator from the package ran: it wrote the persistable halves and the registration.
        var generated = Path.Combine(consumer, "obj", "Release", "net10.0", "generated", "Gc3.Persistence.Generators", "Gc3.Persistence.Generators.PersistableGenerator");
        Assert.True(File.Exists(Path.Combine(generated, "Consumer.TaskItem.Persistable.g.cs")), build.ToString());
        Assert.True(File.Exists(Path.Combine(generated, "Gc3.Persistence.Registration.g.cs")), build.ToString());

        var app = Path.Combine(consumer, "bin", "Release", "net10.0", "Consumer.dll");
        var schemes = ProcessRunner.Dotnet(consumer, TimeSpan.FromMinutes(2), null, app, "schemes").EnsureSuccess().Output.Trim();
        var stores = new List<string> { Path.Combine(consumer, "store") };
        if (references.Contains("Gc3.Persistence.Sqlite"))
        {
            // The store packages registered their schemes through the consumer's generated registration.
            Assert.Equal("file, postgres, postgresql, sqlite", schemes);
            stores.Add($"sqlite://{Path.Combine(consumer, "store.db")}");
        }
        else
        {
            Assert.Equal("file", schemes);
        }

        foreach (var store in stores)
        {
            AssertRoundTrip(consumer, "dotnet", [app], store);
        }

        // The analyzers from the package report mistakes at compile time.
        File.WriteAllText(Path.Combine(consumer, "Mistakes.cs"), """
            using Gc3.Persistence;

            namespace Consumer;

            [Persistable]
            public class NotPartial
            {
            }

            [Persistable]
            public partial class HoldsAnything
            {
                public object Anything { get; set; } = new();
            }
            """);
        var broken = ProcessRunner.Dotnet(consumer, TimeSpan.FromMinutes(10), environment, "build", "-c", "Release", "--no-restore", "-nodeReuse:false");
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains("error GC3P001", broken.Output);
        Assert.Contains("NotPartial", broken.Output);
        Assert.Contains("error GC3P002", broken.Output);
        Assert.Contains("Anything", broken.Output);
    }

    [Fact]
    public void Consumer_from_the_packages_publishes_with_native_AOT()
    {
        Assert.All(packages.Packs, pack => pack.EnsureSuccess());

        // The machine's package folder as a read-only fallback spares downloading the ILCompiler packages
        // again; it cannot hold the packages under test, whose version is new.
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var consumer = CreateConsumer("consumer-aot", ["Gc3.Persistence.Sqlite", "Gc3.Persistence.Postgres"], Directory.Exists(machinePackages) ? machinePackages : null);
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages.NewFolder("nuget-cache-aot") };
        var output = Path.Combine(consumer, "native");
        var publish = ProcessRunner.Dotnet(consumer, TimeSpan.FromMinutes(30), environment,
            "publish", "-c", "Release", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "-p:PublishAot=true", "-o", output, "-nodeReuse:false").EnsureSuccess();
        var warnings = BuildWarnings.Parse(publish.Output);
        Assert.True(warnings.Select(w => w.Code).SequenceEqual(["IL2104", "IL3053"]), string.Join("\n", warnings) + "\n" + publish);
        Assert.All(warnings, w => Assert.Contains("Assembly 'MemoryPack.Core' produced", w.Message));

        var binary = Path.Combine(output, "Consumer");
        Assert.Equal("file, postgres, postgresql, sqlite", ProcessRunner.Run(binary, ["schemes"], consumer, TimeSpan.FromMinutes(1)).EnsureSuccess().Output.Trim());
        AssertRoundTrip(consumer, binary, [], Path.Combine(consumer, "native-store"));
        AssertRoundTrip(consumer, binary, [], $"sqlite://{Path.Combine(consumer, "native-store.db")}");
    }

    // A console app that references the given packages, restored from the local feed (and the usual sources).
    private string CreateConsumer(string name, IReadOnlyList<string> references, string? fallbackFolder)
    {
        var consumer = packages.NewFolder(name);
        var assets = Path.Combine(AppContext.BaseDirectory, "Assets", "Consumer");
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"),
            File.ReadAllText(Path.Combine(assets, "Consumer.csproj.template")).Replace(
                "@PACKAGE_REFERENCES@",
                string.Concat(references.Select(p => $"<PackageReference Include=\"{p}\" Version=\"{packages.Version}\" />")),
                StringComparison.Ordinal));
        File.Copy(Path.Combine(assets, "Model.cs"), Path.Combine(consumer, "Model.cs"));
        File.Copy(Path.Combine(assets, "Program.cs"), Path.Combine(consumer, "Program.cs"));

        // MSBuild imports the nearest of these files above a project: empty ones here keep a stray file in a
        // parent folder (the temp folder is shared) from turning on central package management or other settings.
        foreach (var stop in (string[])["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"])
        {
            File.WriteAllText(Path.Combine(consumer, stop), "<Project />\n");
        }

        // The local folder comes on top of the machine's usual sources (no <clear/>), and the tests restore into
        // an empty package cache, so a previously cached package cannot stand in for the one just packed.
        var fallback = fallbackFolder is null ? "" : $"""
              <fallbackPackageFolders>
                <add key="machine" value="{fallbackFolder}" />
              </fallbackPackageFolders>
            """;
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="gc3-local" value="{packages.Feed}" />
              </packageSources>
            {fallback}
            </configuration>
            """);
        return consumer;
    }

    // Reloaded in the saving process and loaded by a new one, the graph is the same.
    private static void AssertRoundTrip(string consumer, string fileName, IReadOnlyList<string> prefix, string store)
    {
        var save = ProcessRunner.Run(fileName, [.. prefix, "save", store], consumer, TimeSpan.FromMinutes(2)).EnsureSuccess();
        var id = save.Output.Split('\n')[0]["saved ".Length..].Trim();
        Assert.StartsWith("Workflow.", id);
        var load = ProcessRunner.Run(fileName, [.. prefix, "load", store, id], consumer, TimeSpan.FromMinutes(2)).EnsureSuccess();
        var expected = string.Join("\n",
            "workflow nightly: 3 tasks, 5 records",
            "task fetch: tool /opt/tools/align 2.1, limits 1/512, args [fetch,--step=0], lines 0, exit 0, finished 2026-01-02T03:04:05.0000000Z, next align",
            "task align: tool /opt/tools/align 2.1, limits 2/1024, args [align,--step=1], lines 10, exit 1, finished 2026-01-02T04:04:05.0000000Z, next report",
            "task report: tool /opt/tools/align 2.1, limits 3/1536, args [report,--step=2], lines 20, exit none, finished never, next fetch",
            "shared tool: True",
            "dictionary and array hold the list's objects: True",
            "cycle closed: True",
            "changed after load: False",
            "registered: consumer.task, consumer.tool, consumer.workflow");
        Assert.Equal(expected, string.Join("\n", save.Output.Split('\n').Skip(1)).Trim());
        Assert.Equal(expected, load.Output.Trim());
    }

    private static XDocument Nuspec(ZipArchive package)
    {
        using var stream = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }
}
