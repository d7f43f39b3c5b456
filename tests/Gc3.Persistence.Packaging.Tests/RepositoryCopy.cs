namespace Gc3.Persistence.Packaging.Tests;

/// <summary>
/// The repository, and clean copies of its sources: the package and AOT tests pack and publish from a
/// copy, so they never touch the bin/ and obj/ folders of the working tree a developer is building.
/// </summary>
public static class RepositoryCopy
{
    private static readonly string[] CopiedFolders = ["src", "generators", "samples"];
    private static readonly string[] CopiedFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config", "nuget.config"];

    /// <summary>The repository root: the folder above the test assembly that holds the solution.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>Copies the sources (without build output) into <paramref name="destination"/>.</summary>
    public static void CopyTo(string destination)
    {
        foreach (var file in CopiedFiles.Where(f => File.Exists(Path.Combine(Root, f))))
        {
            File.Copy(Path.Combine(Root, file), Path.Combine(destination, file));
        }

        foreach (var folder in CopiedFolders)
        {
            CopyFolder(Path.Combine(Root, folder), Path.Combine(destination, folder));
        }
    }

    private static void CopyFolder(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj" or "TestResults" or ".vs"))
            {
                CopyFolder(directory, Path.Combine(destination, name));
            }
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gc3.Persistence.Generated.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Gc3.Persistence.Generated.sln above {AppContext.BaseDirectory}");
    }
}
