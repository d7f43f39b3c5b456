using Gc3.Persistence.Files;
using Gc3.Persistence.Records;
using Gc3.Persistence.Sqlite;

namespace Gc3.Persistence.Sql.Tests;

/// <summary>
/// <see cref="StoreCopy"/> batch by batch between a real file store and a real SQLite store: a clash in
/// the middle of a batch stops the copy at that ID and overwrites nothing; a copy that stopped part-way
/// through a batch, run again, writes only the records that are missing and leaves the stores equal.
/// </summary>
public sealed class StoreCopyTests() : TemporaryDirectoryTests("store-copy")
{
    private const int Records = 25;
    private const int BatchSize = 10;

    [Fact]
    public async Task A_clash_in_the_middle_of_a_batch_stops_the_copy_with_its_id_and_the_sqlite_target_keeps_its_record_and_the_batches_before()
    {
        using var source = Filled("source", "job");
        using var other = Filled("other", "different");
        var ids = await IdsAsync(source);
        var clash = ids[15]; // the sixth record of the second batch
        using var target = new SqliteStore(Folder.Combine("target.db"));
        var theirs = (await ((IRecordStore)other).ReadRawRecordAsync(clash))!;
        await ((IRecordStore)target).WriteRawRecordsAsync([theirs]);

        var e = await Assert.ThrowsAsync<RecordClashException>(() => StoreCopy.CopyAsync(source, target, BatchSize));

        Assert.Equal(clash, e.Id);
        Assert.Contains($"'{clash}'", e.Message, StringComparison.Ordinal);
        Assert.True((await ((IRecordStore)target).ReadRawRecordAsync(clash))!.Data.Span.SequenceEqual(theirs.Data.Span));
        var copied = await IdsAsync(target);
        Assert.Equal(ids.Take(BatchSize).Append(clash), copied); // the first batch; the clashing batch is one transaction, rolled back
    }

    [Fact]
    public async Task A_clash_in_the_middle_of_a_batch_stops_the_copy_into_a_file_store_and_overwrites_nothing()
    {
        using var source = new SqliteStore(Folder.Combine("source.db"));
        Fill(source, "job");
        using var other = Filled("other", "different");
        var ids = await IdsAsync(source);
        var clash = ids[15];
        using var target = new FilesystemStore(Folder.Combine("target"));
        var theirs = (await ((IRecordStore)other).ReadRawRecordAsync(clash))!;
        await ((IRecordStore)target).WriteRawRecordsAsync([theirs]);

        var e = await Assert.ThrowsAsync<RecordClashException>(() => StoreCopy.CopyAsync(source, target, BatchSize));

        Assert.Equal(clash, e.Id);
        Assert.True((await ((IRecordStore)target).ReadRawRecordAsync(clash))!.Data.Span.SequenceEqual(theirs.Data.Span));
        Assert.DoesNotContain(ids[16], await IdsAsync(target)); // nothing after the clash
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(15)]
    [InlineData(Records)]
    public async Task A_copy_that_stopped_part_way_through_a_batch_finishes_when_run_again_and_the_stores_are_equal(int alreadyCopied)
    {
        using var source = Filled("source", "job");
        using var target = new SqliteStore(Folder.Combine("target.db"));
        var records = new List<RawRecord>();
        await foreach (var record in ((IRecordStore)source).ReadRawRecordsAsync())
        {
            records.Add(record);
        }

        // What a copy killed after some rows of a batch were committed leaves (a batch is one transaction,
        // so this is a copy killed between batches of another size).
        if (alreadyCopied > 0)
        {
            await ((IRecordStore)target).WriteRawRecordsAsync(records.Take(alreadyCopied).ToList());
        }

        var result = await StoreCopy.CopyAsync(source, target, BatchSize);

        Assert.Equal(Records, result.Records);
        Assert.Equal(Records - alreadyCopied, result.Written);
        Assert.Equal(Records, result.TargetCount);
        var copied = new List<RawRecord>();
        await foreach (var record in ((IRecordStore)target).ReadRawRecordsAsync())
        {
            copied.Add(record);
        }

        Assert.Equal(records.Select(r => r.Id), copied.Select(r => r.Id));
        Assert.All(records.Zip(copied), pair => Assert.True(pair.First.Data.Span.SequenceEqual(pair.Second.Data.Span), $"{pair.First.Id} differs"));
        Assert.True(await ((IRecordStore)target).ReadIdCounterAsync() > records.Max(r => r.Id.SeqNo));
    }

    [Fact]
    public async Task A_file_store_hands_its_records_over_in_id_order_with_their_bytes_although_it_reads_them_on_two_threads()
    {
        using var store = new FilesystemStore(Folder.Combine("many"));
        var executable = new Executable { Path = "/bin/x", Version = "1", Checksum = new string('c', 64) };
        store.SaveMany([.. Enumerable.Range(0, 200).Select(i => (object)new Job { Name = $"j{i}", Cores = i, Executable = i % 50 == 0 ? new Executable { Path = $"/bin/{i}" } : executable })]);
        var expected = Directory.EnumerateFiles(Folder.Combine("many")).Select(Path.GetFileName).Where(name => !name!.StartsWith('.'))
            .Select(name => Id.Parse(name!)).Order().ToList();

        var records = new List<RawRecord>();
        await foreach (var record in ((IRecordStore)store).ReadRawRecordsAsync())
        {
            records.Add(record);
        }

        Assert.True(expected.Count > 200);
        Assert.Equal(expected, records.Select(r => r.Id));
        Assert.All(records, r => Assert.True(r.Data.Span.SequenceEqual(File.ReadAllBytes(Folder.Combine("many", r.Id.ToString()))), $"{r.Id} differs"));
        Assert.All(records, r => Assert.Null(r.Problem));
    }

    private FilesystemStore Filled(string name, string names)
    {
        var store = new FilesystemStore(Folder.Combine(name));
        Fill(store, names);
        return store;
    }

    // The same number of jobs in every store, so that the same IDs hold different records when the names differ.
    private static void Fill(IStore store, string names)
        => store.SaveMany([.. Enumerable.Range(0, Records).Select(i => (object)new Job { Name = $"{names}-{i}", Cores = i })]);

    private static async Task<List<Id>> IdsAsync(IRecordStore store)
    {
        var ids = new List<Id>();
        await foreach (var record in store.ListRecordInfoAsync())
        {
            ids.Add(record.Id);
        }

        return ids;
    }
}
