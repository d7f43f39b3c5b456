namespace Gc3.Persistence.Generators.Tests.Infrastructure;

/// <summary>Compiles a small class library in memory, for tests of what an application sees in its references.</summary>
internal static class TestLibraries
{
    public static MetadataReference Compile(string assemblyName, string source, params MetadataReference[] references)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview))],
            [.. TestReferences.All, .. references],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return Emit(compilation);
    }

    /// <summary>
    /// The referenced library of the tests that need one with a persistable type, compiled with the generator
    /// (<see cref="GeneratorHarness.CompileLibrary"/>): <c>Lib.Executable</c>, tag <c>lib.executable</c>, with one
    /// partial property, <c>Path</c>.
    /// </summary>
    public static MetadataReference ExecutableLibrary(string assemblyName)
        => GeneratorHarness.CompileLibrary(assemblyName, /* lang=c# */ """
            namespace Lib;

            [Gc3.Persistence.Persistable("lib.executable")]
            public partial class Executable
            {
                public partial string Path { get; set; }
            }
            """);

    /// <summary>The compilation emitted (it must succeed), as a reference another compilation can use.</summary>
    public static MetadataReference Emit(Compilation compilation)
    {
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}
