using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Tests;

/// <summary>An ID has one spelling: <c>Node.1</c>, never <c>Node.01</c> or <c>Node.+1</c>.</summary>
public sealed class CanonicalIdTests() : TemporaryDirectoryTests("canonical-ids")
{
    [Theory]
    [InlineData("x.01")]
    [InlineData("x.00")]
    [InlineData("x.007")]
    [InlineData("x.+1")]
    [InlineData("x.-0")]
    [InlineData("x. 1")]
    [InlineData("x.1 ")]
    [InlineData("x.０")] // a full-width digit
    public void A_number_not_written_the_way_ToString_writes_it_is_refused(string text)
    {
        Assert.False(Id.TryParse(text, out _));
        Assert.False(Id.TryParse(text.AsSpan(), out _));
        var error = Assert.Throws<FormatException>(() => Id.Parse(text));
        Assert.Contains("is not an ID", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x.0", 0)]
    [InlineData("x.10", 10)]
    [InlineData("x.9223372036854775807", long.MaxValue)]
    public void Canonical_numbers_parse(string text, long seqNo)
    {
        Assert.Equal(seqNo, Id.Parse(text).SeqNo);
        Assert.Equal(text, Id.Parse(text).ToString());
    }

    [Fact]
    public async Task List_skips_a_file_whose_name_is_a_padded_id_and_logs_it()
    {
        var logs = new CapturingLoggerFactory();
        using var store = new FilesystemStore(Folder.Path, new StoreOptions { LoggerFactory = logs });
        var id = store.Save(Samples.Executable());
        var padded = Folder.Combine($"{id.Prefix}.0{id.SeqNo}");
        File.Copy(store.PathOf(id), padded);

        Assert.Equal([id], store.List());
        Assert.Equal([id], await store.ListAsync());
        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning).ToList();
        Assert.Equal(2, warnings.Count); // one for each List
        Assert.All(warnings, w => Assert.Contains(padded, w.Message, StringComparison.Ordinal));
    }
}
