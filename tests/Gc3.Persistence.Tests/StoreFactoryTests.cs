using Gc3.Persistence.Files;
using Gc3.Persistence.Tests.StoreContract;

namespace Gc3.Persistence.Tests;

public class StoreFactoryTests
{
    [Fact]
    public void File_uris_and_bare_paths_open_file_stores()
    {
        using var directory = new TemporaryDirectory("factory");

        using var byUri = Assert.IsType<FilesystemStore>(StoreFactory.Make("file://" + directory.Path));
        using var byPath = Assert.IsType<FilesystemStore>(StoreFactory.Make(directory.Path));

        Assert.Equal(directory.Path, byUri.Directory);
        Assert.Equal(directory.Path, byPath.Directory);
    }

    [Fact]
    public void A_relative_path_is_a_directory_under_the_current_one()
    {
        using var store = Assert.IsType<FilesystemStore>(StoreFactory.Make("gc3-relative-store"));

        Assert.Equal(Path.GetFullPath("gc3-relative-store"), store.Directory);
        Directory.Delete(store.Directory, recursive: true);
    }

    [Fact]
    public void An_unknown_scheme_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => StoreFactory.Make("mongodb://localhost/jobs"));

        Assert.Contains("'mongodb'", error.Message);
        Assert.Contains("file", error.Message);
    }

    [Fact]
    public void A_registered_scheme_opens_and_a_driver_suffix_falls_back_to_it()
    {
        using var directory = new TemporaryDirectory("factory");
        var seen = new List<Uri>();
        StoreFactory.Register("testfs", (uri, options) =>
        {
            seen.Add(uri);
            return new FilesystemStore(directory.Path, options);
        });

        using var plain = StoreFactory.Make("testfs://host/a");
        using var driver = StoreFactory.Make("testfs+driver://host/b");

        Assert.Equal(["testfs://host/a", "testfs+driver://host/b"], seen.Select(u => u.ToString()));
        Assert.Contains("testfs", StoreFactory.Schemes);
    }

    [Fact]
    public void Registering_a_scheme_again_replaces_it()
    {
        StoreFactory.Register("testreplace", (_, _) => throw new InvalidOperationException("first"));
        StoreFactory.Register("testreplace", (_, _) => throw new InvalidOperationException("second"));

        var error = Assert.Throws<InvalidOperationException>(() => StoreFactory.Make("testreplace://x"));

        Assert.Equal("second", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_uri_is_refused(string uri) => Assert.ThrowsAny<ArgumentException>(() => StoreFactory.Make(uri));
}
