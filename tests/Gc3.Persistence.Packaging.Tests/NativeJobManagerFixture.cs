using System.Runtime.InteropServices;

namespace Gc3.Persistence.Packaging.Tests;

/// <summary>
/// Publishes the sample with Native AOT once (it takes minutes) from a clean copy of the repository,
/// for every test of <see cref="NativeAotTests"/>.
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

    /// <summary>A folder for the tests' stores, removed with the fixture.</summary>
    public string NewStore(string name)
    {
        Directory.CreateDirectory(_folder.Combine("stores"));
        return _folder.Combine("stores", name);
    }

    public void Dispose() => _folder.Dispose();
}
