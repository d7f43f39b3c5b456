using System.Runtime.InteropServices;

namespace Gc3.Persistence.Packaging.Tests;

/// <summary>
/// Publishes the sample with Native AOT once (it takes minutes) from a clean copy of the repository,
/// for every test of the <see cref="NativeJobManagerCollection"/>.
/// </summary>
public sealed class NativeJobManagerFixture : IDisposable
{
    private readonly TemporaryDirectory _folder = new("aot");

    public NativeJobManagerFixture()
    {
        var repository = _folder.Combine("repo");
        Directory.CreateDirectory(repository);
        RepositoryCopy.CopyTo(repository);
        var output = _folder.Combine("publish");
        Publish = ProcessRunner.Dotnet(repository, TimeSpan.FromMinutes(30), null,
            "publish", "samples/JobManager", "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-p:PublishAot=true", "-o", output, "-nodeReuse:false");
        Binary = Path.Combine(output, OperatingSystem.IsWindows() ? "jobmanager.exe" : "jobmanager");
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

    public void Dispose() => _folder.Dispose();
}
