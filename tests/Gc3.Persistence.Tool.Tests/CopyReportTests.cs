using System.Text.RegularExpressions;
using Gc3.Persistence.Files;
using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tool.Tests;

/// <summary>What <c>gc3p copy</c> prints without <c>--json</c>: its two lines, with the counts as a reader reads them.</summary>
public sealed class CopyReportTests() : TemporaryDirectoryTests("gc3p-copy-report")
{
    [Fact]
    public void A_copy_of_one_record_says_one_record_and_one_schema()
    {
        var source = Folder.Combine("one");
        using (var writer = new FilesystemStore(source))
        {
            writer.Save(new Job { Name = "only" });
        }

        var target = "sqlite://" + Folder.Combine("copy.db");
        var copied = Processes.Gc3p("copy", source, target).EnsureSuccess();

        Assert.Equal(2, copied.Lines.Length);
        Assert.Matches($@"^Copied 1 record \(\d+ bytes\) from {Regex.Escape(source)} to {Regex.Escape(target)}: 1 written, 0 already there; 1 schema added\.$", copied.Lines[0]);
        Assert.Matches(@"^The target holds 1 record; its ID counter gives \d+ next\.$", copied.Lines[1]);

        // Run again: the same counts, in the plural where they are not one.
        var again = Processes.Gc3p("copy", source, target).EnsureSuccess();
        Assert.EndsWith(": 0 written, 1 already there; 0 schemas added.", again.Lines[0], StringComparison.Ordinal);
    }
}
