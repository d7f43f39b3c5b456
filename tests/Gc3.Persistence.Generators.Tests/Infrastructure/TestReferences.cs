using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace Gc3.Persistence.Generators.Tests.Infrastructure;

/// <summary>
/// The metadata references every test compilation gets: the assemblies of the running .NET runtime
/// (no reference-assembly download needed), the Gc3.Persistence runtime and MemoryPack.
/// </summary>
internal static class TestReferences
{
    public static ImmutableArray<MetadataReference> All { get; } = Create();

    private static ImmutableArray<MetadataReference> Create()
    {
        var runtimeDirectory = RuntimeEnvironment.GetRuntimeDirectory();
        var framework = Directory.GetFiles(runtimeDirectory, "*.dll")
            .Where(IsManagedAssembly)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        var libraries = new[]
        {
            typeof(Gc3.Persistence.PersistableAttribute).Assembly.Location,
            typeof(MemoryPack.MemoryPackWriter<>).Assembly.Location,
            typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location,
        }.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        return [.. framework, .. libraries];
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false; // native libraries sit in the runtime directory too
        }
    }
}
