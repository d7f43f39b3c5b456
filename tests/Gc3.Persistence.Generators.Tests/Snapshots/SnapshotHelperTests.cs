using Gc3.Persistence.Testing;

namespace Gc3.Persistence.Generators.Tests.Snapshots;

/// <summary>The baseline compare helper itself: it must fail on a difference, say where, and update only when asked.</summary>
[Collection(nameof(SnapshotHelperTests))] // changes environment variables the snapshot tests read
public sealed class SnapshotHelperTests() : TemporaryDirectoryTests("snapshot")
{
    [Fact]
    public void A_difference_fails_with_the_first_differing_line_and_writes_the_received_file()
    {
        File.WriteAllText(Folder.Combine("A.g.cs.txt"), "line 1\nline 2\nline 3\n");

        var failure = Mismatch([("A.g.cs", "line 1\nline two\nline 3\n")]);

        Assert.Contains("line 2 differs", failure.Message);
        Assert.Contains("expected: line 2", failure.Message);
        Assert.Contains("actual:   line two", failure.Message);
        Assert.Equal("line 1\nline two\nline 3\n", File.ReadAllText(Folder.Combine("A.g.cs.received.txt")));
        Assert.Equal("line 1\nline 2\nline 3\n", File.ReadAllText(Folder.Combine("A.g.cs.txt")));
    }

    [Fact]
    public void A_missing_or_an_extra_file_fails_and_equal_files_with_other_line_endings_pass()
    {
        File.WriteAllText(Folder.Combine("Gone.g.cs.txt"), "x\n");
        var failure = Mismatch([("New.g.cs", "y\n")]);
        Assert.Contains("Gone.g.cs.txt: the generator no longer writes this file", failure.Message);
        Assert.Contains("New.g.cs.txt: no baseline", failure.Message);

        File.Delete(Folder.Combine("Gone.g.cs.txt"));
        File.WriteAllText(Folder.Combine("New.g.cs.txt"), "y\r\nz\r\n");
        Snapshot.Match(Folder.Path, [("New.g.cs", "y\nz\n")], update: false);
        Assert.False(File.Exists(Folder.Combine("New.g.cs.received.txt")), "a passing compare removes the stale received file");
    }

    [Fact]
    public void Update_rewrites_baselines_scrubs_the_version_and_removes_stale_ones()
    {
        File.WriteAllText(Folder.Combine("Stale.g.cs.txt"), "old\n");

        Snapshot.Match(Folder.Path, [("A.g.cs", "[GeneratedCodeAttribute(\"Gc3.Persistence.Generators\", \"1.2.3.4\")]\n")], update: true);

        Assert.False(File.Exists(Folder.Combine("Stale.g.cs.txt")));
        Assert.Equal("[GeneratedCodeAttribute(\"Gc3.Persistence.Generators\", \"%VERSION%\")]\n", File.ReadAllText(Folder.Combine("A.g.cs.txt")));
    }

    [Fact]
    public void UPDATE_SNAPSHOTS_is_never_honoured_under_CI()
    {
        var (update, ci) = (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS"), Environment.GetEnvironmentVariable("CI"));
        try
        {
            Environment.SetEnvironmentVariable("UPDATE_SNAPSHOTS", "1");
            Environment.SetEnvironmentVariable("CI", "true");
            Assert.False(Snapshot.UpdateRequested());
            Environment.SetEnvironmentVariable("CI", null);
            Assert.True(Snapshot.UpdateRequested());
        }
        finally
        {
            Environment.SetEnvironmentVariable("UPDATE_SNAPSHOTS", update);
            Environment.SetEnvironmentVariable("CI", ci);
        }
    }

    /// <summary>The failure of a compare of <paramref name="files"/> with this test's baselines, which must fail.</summary>
    private Exception Mismatch(IReadOnlyList<(string HintName, string Text)> files)
        => Assert.ThrowsAny<Exception>(() => Snapshot.Match(Folder.Path, files, update: false));
}
