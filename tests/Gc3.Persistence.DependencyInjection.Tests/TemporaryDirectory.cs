namespace Gc3.Persistence.DependencyInjection.Tests;

/// <summary>A fresh directory under the system's temporary directory, deleted with its contents on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("gc3-di-").FullName;

    /// <summary>A path inside the directory.</summary>
    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A store file still open on another platform: the system cleans its temporary directory.
        }
    }
}
