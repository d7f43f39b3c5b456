using System.Reflection;
using System.Runtime.InteropServices;
using Gc3.Persistence.Generators;
using Microsoft.CodeAnalysis.CSharp;

namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>The generators and analyzers measured, and the compilations they run on.</summary>
internal static class Subjects
{
    public const string MemoryPackVersion = "1.21.4";

    /// <summary>
    /// The parse options of a net10.0 build: its preprocessor symbols too, which MemoryPack's generator reads
    /// (without <c>NET9_0_OR_GREATER</c> it writes constraints the net10.0 runtime's interfaces do not have).
    /// </summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, preprocessorSymbols: TargetFrameworkSymbols());

    /// <summary>Our generator, as the build loads it.</summary>
    public static IIncrementalGenerator Gc3Generator() => new PersistableGenerator();

    /// <summary>
    /// MemoryPack's generator, loaded by path from the NuGet cache as a build would load it
    /// (the package's analyzer assembly is not referenced by this program).
    /// </summary>
    public static IIncrementalGenerator MemoryPackGenerator()
    {
        var path = Path.Join(NuGetPackages(), "memorypack.generator", MemoryPackVersion, "analyzers", "dotnet", "cs", "MemoryPack.Generator.dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"MemoryPack's generator is not in the NuGet cache (restore this project first): {path}");
        }

        var type = Assembly.LoadFrom(path).GetTypes()
            .Single(t => typeof(IIncrementalGenerator).IsAssignableFrom(t) && t.GetCustomAttribute<GeneratorAttribute>() is not null && t.Name == "MemoryPackGenerator");
        return (IIncrementalGenerator)Activator.CreateInstance(type)!;
    }

    /// <summary>Every GC3P analyzer the generator assembly ships, by name.</summary>
    public static IReadOnlyList<DiagnosticAnalyzer> Gc3Analyzers()
        => typeof(PersistableGenerator).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToList();

    /// <summary>A fresh compilation (no semantic state shared with another) of the given files.</summary>
    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees)
        => CSharpCompilation.Create(
            "Bench.Model",
            trees,
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                specificDiagnosticOptions: [new("CS1701", ReportDiagnostic.Suppress), new("CS1702", ReportDiagnostic.Suppress)]));

    public static SyntaxTree Parse(string path, string text) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: path);

    /// <summary>The running .NET runtime's assemblies, Gc3.Persistence and MemoryPack.</summary>
    private static ImmutableArray<MetadataReference> References { get; } = CreateReferences();

    private static ImmutableArray<MetadataReference> CreateReferences()
    {
        var framework = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll").Where(IsManagedAssembly);
        var libraries = new[]
        {
            typeof(PersistableAttribute).Assembly.Location,
            typeof(MemoryPack.MemoryPackWriter<>).Assembly.Location,
            typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location,
        };
        return [.. framework.Concat(libraries).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false; // native libraries sit in the runtime directory too
        }
    }

    private static IEnumerable<string> TargetFrameworkSymbols()
        => new[] { "NET", "NET10_0", "NETCOREAPP", "RELEASE", "TRACE" }
            .Concat(new[] { "1_0", "1_1", "2_0", "2_1", "2_2", "3_0", "3_1" }.Select(v => $"NETCOREAPP{v}_OR_GREATER"))
            .Concat(Enumerable.Range(5, 6).Select(v => $"NET{v}_0_OR_GREATER"));

    private static string NuGetPackages()
        => Environment.GetEnvironmentVariable("NUGET_PACKAGES")
           ?? Path.Join(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
