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
    public void An_unknown_scheme_lists_the_known_ones_and_both_ways_to_register_one()
    {
        var error = Assert.Throws<ArgumentException>(() => StoreFactory.Make("mongodb://localhost/jobs"));

        Assert.Contains("'mongodb'", error.Message);
        Assert.Contains("Known schemes: file", error.Message);
        // A project that references a store's package but does not run the generator has the package and still no scheme.
        Assert.EndsWith("the Gc3.Persistence generator registers its scheme there at start-up. A project the generator does not run in calls StoreFactory.Register instead. (Parameter 'uri')", error.Message);
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

    [Fact]
    public void Absolute_file_uris_with_three_slashes_one_slash_or_localhost_name_the_absolute_path()
    {
        using var directory = new TemporaryDirectory("factory");
        var spaced = Path.Combine(directory.Path, "with space");

        foreach (var (uri, expected) in new[]
        {
            ("file://" + directory.Path, directory.Path),
            ("file:" + directory.Path, directory.Path),
            ("file://localhost" + directory.Path, directory.Path),
            ("FILE://LocalHost" + directory.Path, directory.Path),
            ("file://" + directory.Path + "/with%20space", spaced),
        })
        {
            using var store = Assert.IsType<FilesystemStore>(StoreFactory.Make(uri));
            Assert.Equal(expected, store.Directory);
        }
    }

    [Theory]
    [InlineData("file://jobs", "file:///jobs")]
    [InlineData("file://jobs/2026", "file:///jobs/2026")]
    [InlineData("file://host/share", "remote machine")]
    [InlineData("file://fileserver.example.org/jobs", "remote machine")]
    [InlineData("file:////jobs", "file:///jobs")]
    [InlineData("file://///server/jobs", "file:///")]
    [InlineData("file:jobs", "file:///")]
    [InlineData("file://localhost", "file:///")]
    [InlineData("file:///gc3-query-jobs?x=1", "query")]
    [InlineData("file:///gc3-fragment-jobs#x", "fragment")]
    public void A_file_uri_that_would_open_the_wrong_place_is_refused(string uri, string hint)
    {
        // What a wrong reading would make: '\\jobs' (or '\\host\share') here, /gc3-query-jobs at the root.
        static HashSet<string> Made() => [.. Directory.GetFileSystemEntries(".").Concat(Directory.GetFileSystemEntries("/")).Where(e => e.Contains("jobs", StringComparison.Ordinal) || e.Contains("share", StringComparison.Ordinal))];
        var before = Made();

        var error = Assert.Throws<ArgumentException>(() => StoreFactory.Make(uri));

        Assert.Contains(uri, error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Made());
    }

    [Fact]
    public void A_host_name_is_refused_as_a_remote_machine_with_both_ways_to_name_a_local_directory()
    {
        var error = Assert.Throws<ArgumentException>(() => StoreFactory.Make("file://jobs"));

        Assert.Contains("names the machine 'jobs'", error.Message, StringComparison.Ordinal);
        Assert.Contains("file:///jobs", error.Message, StringComparison.Ordinal);
        Assert.Contains("'jobs'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_uri_is_refused(string uri) => Assert.ThrowsAny<ArgumentException>(() => StoreFactory.Make(uri));
}
