namespace Gc3.Persistence.Testing;

/// <summary>
/// Tests that each work in a directory of their own: xUnit makes an instance of the test class per
/// test, so every test gets a fresh <see cref="TemporaryDirectory"/>, deleted after it.
/// </summary>
/// <param name="purpose">A word for the folder's name, to tell leftovers apart (see <see cref="TemporaryDirectory"/>).</param>
public abstract class TemporaryDirectoryTests(string purpose = "test") : IDisposable
{
    /// <summary>This test's directory.</summary>
    protected TemporaryDirectory Folder { get; } = new(purpose);

    public virtual void Dispose()
    {
        Folder.Dispose();
        GC.SuppressFinalize(this);
    }
}
