using System.Runtime.CompilerServices;

namespace Gc3.Persistence.Generators.Tests.Infrastructure;

/// <summary>The checkout the tests run from, for the tests that hold the README and the docs to the code.</summary>
internal static class Repository
{
    /// <summary>The folder holding the solution, found above this source file.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot([CallerFilePath] string file = "")
    {
        for (var directory = Path.GetDirectoryName(file); directory is not null; directory = Path.GetDirectoryName(directory))
        {
            if (File.Exists(Path.Combine(directory, "Gc3.Persistence.Generated.sln")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException("The repository root was not found above " + file);
    }
}
