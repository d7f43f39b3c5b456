using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Gc3.Persistence.Telemetry;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Tests;

/// <summary>
/// The spans, measurements and debug events of the file store, seen through real listeners. Each test's
/// store has a directory of its own, whose name is the <c>db.collection.name</c> the recorder keeps.
/// </summary>
public sealed class TelemetryTests() : TemporaryDirectoryTests("telemetry")
{
    private string Collection => Path.GetFileName(Folder.Path);

    [Fact]
    public void Save_load_list_and_remove_each_report_a_span_with_the_database_attributes()
    {
        using var recorder = new TelemetryRecorder(Collection);
        using var store = new FilesystemStore(Folder.Path);

        var id = store.Save(Samples.Job("traced")); // the job and its executable: two records
        store.InvalidateCache();
        store.Load<Job>(id);
        store.Load<Job>(id); // from the identity map
        var listed = store.List();
        store.Remove(id);

        Assert.Equal(["save", "load", "load", "list", "remove"], recorder.Spans.Select(span => (string)span.GetTagItem(PersistenceTelemetry.DbOperationNameTag)!));
        foreach (var span in recorder.Spans)
        {
            Assert.Equal(PersistenceTelemetry.ActivitySourceName, span.Source.Name);
            Assert.Equal(ActivityKind.Client, span.Kind);
            Assert.Equal($"{span.GetTagItem(PersistenceTelemetry.DbOperationNameTag)} {Collection}", span.DisplayName);
            Assert.Equal(PersistenceTelemetry.FileSystemName, span.GetTagItem(PersistenceTelemetry.DbSystemNameTag));
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
        }

        var save = recorder.SpansOf("save").Single();
        Assert.Equal(id.ToString(), save.GetTagItem(PersistenceTelemetry.RecordIdTag));
        Assert.Equal(2L, save.GetTagItem(PersistenceTelemetry.RecordCountTag));
        Assert.True((long)save.GetTagItem(PersistenceTelemetry.ByteCountTag)! > 0);

        var (read, hit) = (recorder.SpansOf("load")[0], recorder.SpansOf("load")[1]);
        Assert.Equal(id.ToString(), read.GetTagItem(PersistenceTelemetry.RecordIdTag));
        Assert.Equal(2L, read.GetTagItem(PersistenceTelemetry.RecordCountTag));
        Assert.Equal(save.GetTagItem(PersistenceTelemetry.ByteCountTag), read.GetTagItem(PersistenceTelemetry.ByteCountTag));
        Assert.Null(read.GetTagItem(PersistenceTelemetry.IdentityMapHitTag));
        Assert.Equal(true, hit.GetTagItem(PersistenceTelemetry.IdentityMapHitTag));
        Assert.Equal(0L, hit.GetTagItem(PersistenceTelemetry.RecordCountTag));

        Assert.Equal(listed.Count, recorder.SpansOf("list").Single().GetTagItem(PersistenceTelemetry.ReturnedRowsTag));
        var remove = recorder.SpansOf("remove").Single();
        Assert.Equal(id.ToString(), remove.GetTagItem(PersistenceTelemetry.RecordIdTag));
        Assert.Equal(true, remove.GetTagItem(PersistenceTelemetry.RecordExistedTag));
    }

    [Fact]
    public void The_counters_and_the_duration_histogram_count_each_operation()
    {
        using var recorder = new TelemetryRecorder(Collection);
        using var store = new FilesystemStore(Folder.Path);

        var ids = store.SaveMany([Samples.Job("a"), Samples.Job("b")]); // two jobs, two executables
        store.InvalidateCache();
        store.Load<Job>(ids[0]);
        store.Load<Job>(ids[0]);
        store.Load<Job>(ids[1]);
        store.List();
        store.Remove(ids[1]);

        var bytesWritten = recorder.Sum(PersistenceTelemetry.BytesWrittenInstrument);
        Assert.Equal(4, recorder.Sum(PersistenceTelemetry.RecordsWrittenInstrument));
        Assert.Equal(4, recorder.Sum(PersistenceTelemetry.RecordsReadInstrument));
        Assert.Equal(bytesWritten, recorder.Sum(PersistenceTelemetry.BytesReadInstrument));
        Assert.True(bytesWritten > 0);
        Assert.Equal(1, recorder.Sum(PersistenceTelemetry.IdentityMapHitsInstrument));
        Assert.Equal(0, recorder.Sum(PersistenceTelemetry.ConcurrencyConflictsInstrument));

        var durations = recorder.Of(PersistenceTelemetry.OperationDurationInstrument);
        Assert.Equal(["save", "load", "load", "load", "list", "remove"], durations.Select(d => (string)d.Tags[PersistenceTelemetry.DbOperationNameTag]!));
        Assert.All(durations, d => Assert.Equal(PersistenceTelemetry.FileSystemName, d.Tags[PersistenceTelemetry.DbSystemNameTag]));
        Assert.All(durations, d => Assert.InRange(d.Value, 0, 60));
        Assert.All(recorder.Of(PersistenceTelemetry.RecordsWrittenInstrument), m => Assert.Equal(PersistenceTelemetry.FileSystemName, m.Tags[PersistenceTelemetry.DbSystemNameTag]));
    }

    [Fact]
    public async Task The_async_api_reports_the_same_spans_and_leaves_the_callers_current_span_alone()
    {
        using var recorder = new TelemetryRecorder(Collection);
        using var store = new FilesystemStore(Folder.Path);
        using var outer = new Activity("caller").Start();

        var id = await store.SaveAsync(Samples.Job("async"));
        Assert.Same(outer, Activity.Current);
        await store.ReplaceAsync(id, Samples.Job("replaced"));
        Assert.Same(outer, Activity.Current);
        store.InvalidateCache();
        await store.LoadAsync<Job>(id);
        await store.ListAsync();
        await store.RemoveAsync(id);
        Assert.Same(outer, Activity.Current);

        Assert.Equal(["save", "save", "load", "list", "remove"], recorder.Spans.Select(span => (string)span.GetTagItem(PersistenceTelemetry.DbOperationNameTag)!));
        Assert.All(recorder.Spans, span => Assert.Equal(outer.TraceId, span.TraceId));
        Assert.All(recorder.Spans, span => Assert.Equal(outer.SpanId, span.ParentSpanId));
        Assert.All(recorder.SpansOf("save"), span => Assert.Equal(id.ToString(), span.GetTagItem(PersistenceTelemetry.RecordIdTag)));
        Assert.Equal(4, recorder.Sum(PersistenceTelemetry.RecordsWrittenInstrument));
        Assert.Equal(2, recorder.Sum(PersistenceTelemetry.RecordsReadInstrument));
    }

    [Fact]
    public void A_failed_load_sets_the_span_status_to_error_with_the_exception_type()
    {
        using var recorder = new TelemetryRecorder(Collection);
        using var store = new FilesystemStore(Folder.Path);
        var missing = store.IdFactory.New("job");

        Assert.Throws<RecordNotFoundException>(() => store.Load(missing));

        var span = recorder.SpansOf("load").Single();
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(RecordNotFoundException).FullName, span.GetTagItem(PersistenceTelemetry.ErrorTypeTag));
        Assert.Equal(missing.ToString(), span.GetTagItem(PersistenceTelemetry.RecordIdTag));
        var duration = recorder.Of(PersistenceTelemetry.OperationDurationInstrument).Single();
        Assert.Equal(typeof(RecordNotFoundException).FullName, duration.Tags[PersistenceTelemetry.ErrorTypeTag]);
        Assert.Equal(0, recorder.Sum(PersistenceTelemetry.RecordsReadInstrument));
    }

    [Fact]
    public void No_span_is_created_when_no_listener_wants_the_stores_spans()
    {
        // A listener that hears of the store's source but samples none of the store's spans: StartActivity returns null.
        var started = new ConcurrentQueue<Activity>();
        using var indifferent = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PersistenceTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) => ActivitySamplingResult.None,
            ActivityStarted = started.Enqueue,
        };
        ActivitySource.AddActivityListener(indifferent);
        using var store = new FilesystemStore(Folder.Path);

        var id = store.Save(Samples.Job("untraced"));
        Assert.Null(Activity.Current);
        store.InvalidateCache();
        store.Load<Job>(id);
        store.List();
        store.Remove(id);

        Assert.Null(Activity.Current);
        Assert.DoesNotContain(started, activity => activity.Source.Name == PersistenceTelemetry.ActivitySourceName);
    }

    [Fact]
    public void The_debug_events_report_each_operation_and_are_skipped_when_debug_is_off()
    {
        var logs = new CapturingLoggerFactory(LogLevel.Debug);
        Id id;
        using (var store = new FilesystemStore(Folder.Path, new StoreOptions { LoggerFactory = logs }))
        {
            id = store.Save(Samples.Job("logged"));
            store.SaveMany([Samples.Job("x"), Samples.Job("y")]);
            store.InvalidateCache();
            store.Load<Job>(id);
            store.Load<Job>(id);
            store.List();
            store.Remove(id);
        }

        var debug = logs.Entries.Where(e => e.Level == LogLevel.Debug).Select(e => e.Message).ToList();
        Assert.Equal(6, debug.Count);
        Assert.Matches($@"^Saved 2 records \(\d+ bytes\) to {Collection}, root {Regex.Escape(id.ToString())}$", debug[0]);
        Assert.Matches($@"^Saved 2 objects as 4 records \(\d+ bytes\) to {Collection}$", debug[1]);
        Assert.Matches($@"^Loaded {Regex.Escape(id.ToString())} from {Collection}: 2 records read \(\d+ bytes\)$", debug[2]);
        Assert.Matches($@"^Loaded {Regex.Escape(id.ToString())} from the identity map of {Collection}$", debug[3]);
        Assert.Equal($"Listed 6 IDs in {Collection}", debug[4]);
        Assert.Equal($"Removed {id} from {Collection} (a record existed: True)", debug[5]);
        Assert.Equal([1001, 1002, 1003, 1004, 1006, 1005], logs.Entries.Where(e => e.Level == LogLevel.Debug).Select(e => e.Event.Id)); // docs/telemetry.md

        var quiet = new CapturingLoggerFactory(LogLevel.Information);
        using (var store = new FilesystemStore(Folder.Path, new StoreOptions { LoggerFactory = quiet }))
        {
            store.Save(Samples.Job("not logged"));
            store.List();
        }

        Assert.DoesNotContain(quiet.Entries, e => e.Level == LogLevel.Debug);
        Assert.True(quiet.DebugChecks > 0); // the events asked, and were told no
    }
}
