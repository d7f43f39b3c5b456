using System.Globalization;

namespace Gc3.Persistence.Packaging.Tests;

/// <summary>
/// Packs every project under src/ (from a clean copy of the repository) into a local folder once, with
/// a version no other package can have, for every test of <see cref="PackageTests"/>.
/// </summary>
public sealed class PackagesFixture : IDisposable
{
    private readonly TemporaryDirectory _folder = new("packages");

    public PackagesFixture()
    {
        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        Repository = _folder.Combine("repo");
        Directory.CreateDirectory(Repository);
        RepositoryCopy.CopyTo(Repository);
        Feed = _folder.Combine("feed");
        Projects = Directory.GetFiles(Path.Combine(Repository, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .Order(StringComparer.Ordinal)
            .ToList();
        Packs = Directory.GetFiles(Path.Combine(Repository, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(project => ProcessRunner.Dotnet(Repository, TimeSpan.FromMinutes(15), null,
                "pack", project, "-c", "Release", "-o", Feed, $"-p:Version={Version}", "-nodeReuse:false"))
            .ToList();
    }

    /// <summary>The version every package was packed with.</summary>
    public string Version { get; }

    /// <summary>The copy of the repository the packages were packed from.</summary>
    public string Repository { get; }

    /// <summary>The folder holding the .nupkg and .snupkg files.</summary>
    public string Feed { get; }

    /// <summary>The names of the projects under src/, which are the package IDs.</summary>
    public IReadOnlyList<string> Projects { get; }

    /// <summary>The <c>dotnet pack</c> runs.</summary>
    public IReadOnlyList<ProcessResult> Packs { get; }

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Version}.nupkg");

    public string SymbolsPath(string id) => Path.Combine(Feed, $"{id}.{Version}.snupkg");

    /// <summary>A scratch folder removed with the fixture.</summary>
    public string NewFolder(string name)
    {
        var path = _folder.Combine(name);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose() => _folder.Dispose();
}
