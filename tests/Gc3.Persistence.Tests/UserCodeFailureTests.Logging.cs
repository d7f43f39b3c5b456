using System.Diagnostics.Metrics;
using Gc3.Persistence.Telemetry;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Tests;

/// <summary>
/// A logger of the application's that throws while a save that wrote its records logs what it did (here the warning
/// of a record written without members its class lacks, and the Debug entry of the save): the save succeeds as with a
/// logger that works, its objects known at the versions it wrote and no claim left. Before, the logger's exception
/// reached the caller of a save that had written everything; earlier still, the save's claims stayed and every later
/// save of its new objects failed with a ConcurrencyException.
/// </summary>
public sealed partial class UserCodeFailureTests
{
    [Theory]
    [InlineData(LogLevel.Warning)]
    [InlineData(LogLevel.Debug)]
    public async Task A_logger_that_throws_after_a_save_wrote_changes_nothing_the_save_did(LogLevel throwingFrom)
    {
        Id id;
        using (var writer = new FilesystemStore(_folder.Path))
        {
            id = writer.Save(new Wider { Name = "wide", Extra = 5 });
        }

        var path = Directory.GetFiles(_folder.Path, $"*{id}*", SearchOption.AllDirectories).Single();
        File.WriteAllBytes(path, RecordEditing.WithTag(File.ReadAllBytes(path), "test.narrower"));

        var logging = new ThrowingLoggerFactory(throwingFrom);
        using var store = new FilesystemStore(_folder.Path, new StoreOptions { LoggerFactory = logging });
        var narrower = store.Load<Narrower>(id);
        narrower.Title = "narrow";
        var added = new Holder { Name = "added" };
        var ids = store.SaveMany([narrower, added]);
        Assert.True(logging.Refused > 0);
        Assert.Equal([id, added.PersistentId!], ids);

        // Saved again, from another thread, the objects update their records: no claim is left, no version is stale.
        added.Name = "again";
        narrower.Title = "narrower";
        Assert.Equal([ids[1], id], await Task.Run(() => store.SaveMany([added, narrower])));
        using var fresh = new FilesystemStore(_folder.Path);
        Assert.Equal("again", fresh.Load<Holder>(ids[1]).Name);
        Assert.Equal("narrower", fresh.Load<Narrower>(id).Title);
        Assert.Equal(2, fresh.List().Count);
    }

    [Fact]
    public void A_meter_listener_that_throws_as_a_save_reports_it_is_told_the_save_is_written()
    {
        using var store = new FilesystemStore(_folder.Path);
        var moved = new Holder { Name = "moved" };
        var oldId = store.Save(moved);
        var newId = new Id(oldId.Prefix, oldId.SeqNo + 100);
        var collection = Path.GetFileName(Path.TrimEndingDirectorySeparator(_folder.Path));
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == PersistenceTelemetry.OperationDurationInstrument)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == PersistenceTelemetry.DbCollectionNameTag && Equals(tag.Value, collection))
                {
                    throw new InvalidOperationException("the listener refused");
                }
            }
        });
        listener.Start();

        var e = Assert.Throws<StoreException>(() => store.Replace(newId, moved));
        listener.Dispose();

        // The record is written: the caller is told so, and the object is where the store put it, not where it was.
        Assert.StartsWith("The save is written: its 1 records are in the store", e.Message, StringComparison.Ordinal);
        Assert.Equal("the listener refused", e.InnerException!.Message);
        Assert.Equal(newId, moved.PersistentId);
        Assert.Same(moved, store.Load(newId));
        Assert.NotSame(moved, store.Load(oldId));
        moved.Name = "again";
        store.Save(moved);
        using var fresh = new FilesystemStore(_folder.Path);
        Assert.Equal("again", fresh.Load<Holder>(newId).Name);
        Assert.Equal("moved", fresh.Load<Holder>(oldId).Name);
    }
}
