namespace Gc3.Persistence.Testing;

/// <summary>A fresh directory under the system temp folder, deleted with its content on dispose.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    /// <param name="purpose">A word for the folder's name (gc3-<c>purpose</c>-guid), to tell leftovers apart.</param>
    public TemporaryDirectory(string purpose = "test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"gc3-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path inside the directory.</summary>
    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>
    /// Copies the folder <paramref name="source"/> with everything below it to <see cref="Combine"/> of
    /// <paramref name="parts"/> (the directory itself when there are none); returns that path.
    /// </summary>
    public string CopyIn(string source, params string[] parts)
    {
        var target = Combine(parts);
        Directory.CreateDirectory(target);
        foreach (var directory in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, directory)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file)));
        }

        return target;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A killed child process or a store a failed test left open may still hold a file for a moment;
            // a leftover temp folder must not fail a test that passed.
        }
    }
}
