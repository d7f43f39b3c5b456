using System.Runtime.InteropServices;

namespace Gc3.Persistence.Packaging.Tests;

/// <summary>
/// Publishes one program of the repository with Native AOT once (it takes minutes), from a clean copy of
/// the repository in a temporary folder, for every test that shares the fixture.
/// </summary>
public abstract class NativePublishFixture : IDisposable
{
    private readonly TemporaryDirectory _folder;

    /// <param name="purpose">Names the temporary folder.</param>
    /// <param name="project">The project to publish, relative to the repository root.</param>
    /// <param name="binaryName">The executable's name, without <c>.exe</c>.</param>
    protected NativePublishFixture(string purpose, string project, string binaryName)
    {
        _folder = new TemporaryDirectory(purpose);
        var repository = _folder.Combine("repo");
        Directory.CreateDirectory(repository);
        RepositoryCopy.CopyTo(repository);
        var output = _folder.Combine("publish");
        Publish = ProcessRunner.Dotnet(repository, TimeSpan.FromMinutes(30), null,
            "publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-p:PublishAot=true", "-o", output, "-nodeReuse:false");
        Binary = Path.Combine(output, OperatingSystem.IsWindows() ? binaryName + ".exe" : binaryName);
    }

    /// <summary>The <c>dotnet publish</c> run, with its whole output.</summary>
    public ProcessResult Publish { get; }

    /// <summary>The native executable.</summary>
    public string Binary { get; }

    /// <summary>A fresh folder for a test's stores and working directory, removed with the fixture.</summary>
    public string NewFolder(string name)
    {
        var path = _folder.Combine("work", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
