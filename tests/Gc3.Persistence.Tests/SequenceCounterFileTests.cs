using System.Globalization;

namespace Gc3.Persistence.Tests;

/// <summary>The file store's ID counter: it never wraps, and a damaged one never hands out an ID again.</summary>
public sealed class SequenceCounterFileTests() : TemporaryDirectoryTests("counter")
{
    private string Counter => Folder.Combine(FilesystemStore.CounterFileName);

    [Fact]
    public void The_counter_refuses_to_pass_the_largest_number_and_stays_as_it_was()
    {
        File.WriteAllText(Counter, (long.MaxValue - 1).ToString(CultureInfo.InvariantCulture));
        using var store = new FilesystemStore(Folder.Path);

        var last = store.Save(Samples.Executable("last"));
        var error = Assert.Throws<InvalidOperationException>(() => store.Save(Samples.Executable("one too many")));
        var again = Assert.Throws<InvalidOperationException>(() => store.Save(Samples.Executable("and another")));

        Assert.Equal(long.MaxValue - 1, last.SeqNo);
        Assert.Contains(Counter, error.Message, StringComparison.Ordinal);
        Assert.Contains("no more IDs", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, again.Message);
        Assert.Equal(long.MaxValue.ToString(CultureInfo.InvariantCulture), File.ReadAllText(Counter));
        Assert.Equal(new[] { last }, store.List());
    }

    [Fact]
    public void A_block_that_would_pass_the_largest_number_is_refused_whole()
    {
        File.WriteAllText(Counter, (long.MaxValue - 3).ToString(CultureInfo.InvariantCulture));
        using var store = new FilesystemStore(Folder.Path);

        Assert.Throws<InvalidOperationException>(() => store.SaveMany(Enumerable.Range(0, 5).Select(i => Samples.Executable($"e{i}"))));

        Assert.InRange(long.Parse(File.ReadAllText(Counter), CultureInfo.InvariantCulture), long.MaxValue - 3, long.MaxValue);
        Assert.Empty(store.List());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("-9223372036854775806")]
    [InlineData("99999999999999999999")]
    [InlineData("12345678901234567890123456789012345678901234567890")]
    [InlineData("7 5")]
    [InlineData("+7")]
    [InlineData(" \n")]
    [InlineData("7\0")] // the zero-filled tail a crash leaves on some file systems
    [InlineData("600\0\0\0\0\0")]
    [InlineData("\0\0\0\0")]
    [InlineData("6\u00000")]
    [InlineData("7\0\n")]
    [InlineData(null)] // removed
    public void A_damaged_counter_continues_after_the_highest_id_present(string? damaged)
    {
        var saved = new List<Id>();
        using (var store = new FilesystemStore(Folder.Path))
        {
            saved.AddRange(Enumerable.Range(0, 3).Select(i => store.Save(Samples.Job($"j{i}"))));
            store.Replace(new Id("Job", 500), Samples.Executable("far ahead"));
        }

        if (damaged is null)
        {
            File.Delete(Counter);
        }
        else
        {
            File.WriteAllText(Counter, damaged);
        }

        var log = new CapturingLoggerFactory(Microsoft.Extensions.Logging.LogLevel.Warning);
        using var reopened = new FilesystemStore(Folder.Path, new StoreOptions { LoggerFactory = log });
        var present = reopened.List();
        var job = Samples.Job("after the repair");
        reopened.Save(job);
        Id[] given = [job.PersistentId!, job.Executable!.PersistentId!];

        Assert.Contains(new Id("Job", 500), present);
        Assert.All(given, id => Assert.InRange(id.SeqNo, 501, 502));
        Assert.All(given, id => Assert.DoesNotContain(id, present));
        Assert.True(long.Parse(File.ReadAllText(Counter), CultureInfo.InvariantCulture) > 502);
        Assert.Equal(string.IsNullOrEmpty(damaged) ? 0 : 1, log.Entries.Count(entry => entry.Message.Contains("holds no number (damaged, or written by hand with more than digits); continuing from 501", StringComparison.Ordinal))); // a lost or empty counter is a new store's
    }

    [Theory]
    [InlineData("600\n")] // echo 600 > .gc3-next-id
    [InlineData("600\r\n")]
    [InlineData(" \t600 \n")]
    public void A_counter_written_by_hand_with_white_space_around_its_number_is_read_as_that_number(string written)
    {
        using (var store = new FilesystemStore(Folder.Path))
        {
            store.Save(Samples.Executable("before"));
        }

        File.WriteAllText(Counter, written);
        var log = new CapturingLoggerFactory(Microsoft.Extensions.Logging.LogLevel.Warning);
        using var reopened = new FilesystemStore(Folder.Path, new StoreOptions { LoggerFactory = log });

        Assert.Equal(600, reopened.Save(Samples.Executable("after")).SeqNo);
        Assert.Empty(log.Entries);
        Assert.Equal("601", File.ReadAllText(Counter));
    }

    [Fact]
    public void A_counter_rolled_back_never_lets_a_new_object_overwrite_a_record()
    {
        List<Id> saved;
        using (var store = new FilesystemStore(Folder.Path))
        {
            saved = [.. Enumerable.Range(0, 4).Select(i => store.Save(Samples.Executable($"e{i}")))];
        }

        var before = saved.ToDictionary(id => id, id => File.ReadAllBytes(Folder.Combine(id.ToString())));
        File.WriteAllText(Counter, "1"); // as restored from a backup older than the records
        using var reopened = new FilesystemStore(Folder.Path);

        // A record alone is renamed into place, a graph through a journal: neither may replace a record.
        var alone = Samples.Executable("alone");
        var single = Assert.Throws<ConcurrencyException>(() => reopened.Save(alone));
        File.WriteAllText(Counter, "1");
        using var again = new FilesystemStore(Folder.Path);
        var pair = new[] { Samples.Executable("first of a pair"), Samples.Executable("second of a pair") };
        var many = Assert.Throws<ConcurrencyException>(() => again.SaveMany(pair));

        Assert.Contains("already holds a record under that ID", single.Message, StringComparison.Ordinal);
        Assert.Contains(single.Id, saved);
        Assert.Contains(many.Id, saved);
        Assert.All(before, record => Assert.Equal(record.Value, File.ReadAllBytes(Folder.Combine(record.Key.ToString()))));
        Assert.Null(alone.PersistentId);
        Assert.All(pair, e => Assert.Null(e.PersistentId));

        // The refusal moved the counter past the records: saved again, they get new IDs.
        Id[] retried = [reopened.Save(alone), .. again.SaveMany(pair)];
        Assert.All(retried, id => Assert.DoesNotContain(id, saved));
        Assert.Equal(4 + 3, new FilesystemStore(Folder.Path).List().Count);
    }

    [Fact]
    public void A_damaged_counter_with_the_largest_id_present_is_refused()
    {
        using (var store = new FilesystemStore(Folder.Path))
        {
            store.Replace(new Id("Executable", long.MaxValue), Samples.Executable("the last one"));
        }

        File.WriteAllText(Counter, "damaged");
        using var reopened = new FilesystemStore(Folder.Path);

        var error = Assert.Throws<InvalidOperationException>(() => reopened.Save(Samples.Executable()));

        Assert.Contains("no more IDs", error.Message, StringComparison.Ordinal);
        Assert.Equal("damaged", File.ReadAllText(Counter));
    }
}
