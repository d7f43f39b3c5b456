namespace Gc3.Persistence.Tests;

/// <summary>
/// A user who passes an ADO.NET connection string where a store URI goes (<c>StoreFactory.Make</c>, or
/// <c>ConnectionStrings:Jobs</c> through dependency injection) gets an error that shows the URI to write, not a
/// new, empty file store in a directory named after the connection string.
/// </summary>
public sealed class ConnectionStringMistakeTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("connection-string");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("Host=localhost;Database=jobs;Username=gc3;Password=secret")]
    [InlineData("Server=db.example;Port=5432;Database=jobs")]
    [InlineData("Data Source=jobs.db")]
    [InlineData("  database = jobs")]
    public void A_connection_string_is_refused_and_creates_nothing(string connectionString)
    {
        var error = Assert.Throws<ArgumentException>(() => StoreFactory.Make(connectionString));

        Assert.Contains("connection string", error.Message, StringComparison.Ordinal);
        Assert.Contains("postgresql://", error.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite:///", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal); // values may be passwords: never shown
        Assert.False(Path.Exists(Path.GetFullPath(connectionString)), "a directory named after the connection string was created");
    }

    [Fact]
    public void A_directory_whose_name_has_an_equals_sign_still_opens()
    {
        using var bare = Assert.IsType<FilesystemStore>(StoreFactory.Make(_folder.Combine("run=1")));
        using var byUri = Assert.IsType<FilesystemStore>(StoreFactory.Make("file://" + _folder.Combine("host=a")));

        Assert.Equal(_folder.Combine("run=1"), bare.Directory);
        Assert.Equal(_folder.Combine("host=a"), byUri.Directory);
    }
}
