using System.Diagnostics;
using Gc3.Persistence.Telemetry;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Sql.Tests;

/// <summary>The spans, measurements and debug events of the SQLite store, through real listeners filtered by its table.</summary>
public sealed class SqliteTelemetryTests() : TemporaryDirectoryTests("sql")
{
    private readonly string _table = "tel_" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public void Operations_report_sqlite_spans_counters_conflicts_and_debug_events()
    {
        using var recorder = new TelemetryRecorder(_table);
        var logs = new CapturingLoggerFactory();
        var uri = $"sqlite://{Folder.Combine("telemetry.db")}#table={_table}";
        using var first = StoreFactory.Make(uri, new StoreOptions { LoggerFactory = logs });
        using var second = StoreFactory.Make(uri);

        var id = first.Save(new Job { Name = "contended", Executable = new Executable { Path = "/bin/true" } });
        var mine = first.Load<Job>(id); // from the identity map
        var theirs = second.Load<Job>(id); // read: two records
        theirs.Name = "theirs";
        second.Save(theirs);
        mine.Name = "mine";
        Assert.Throws<ConcurrencyException>(() => first.Save(mine));
        Assert.Equal(2, first.List().Count);
        first.Remove(id);

        Assert.All(recorder.Spans, span => Assert.Equal("sqlite", span.GetTagItem(PersistenceTelemetry.DbSystemNameTag)));
        Assert.All(recorder.Spans, span => Assert.Equal(ActivityKind.Client, span.Kind));
        Assert.Equal(
            ["save", "load", "load", "save", "save", "list", "remove"],
            recorder.Spans.Select(span => (string)span.GetTagItem(PersistenceTelemetry.DbOperationNameTag)!));
        var failed = recorder.SpansOf("save")[2];
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Equal(typeof(ConcurrencyException).FullName, failed.GetTagItem(PersistenceTelemetry.ErrorTypeTag));
        Assert.Equal($"save {_table}", failed.DisplayName);

        Assert.Equal(1, recorder.Sum(PersistenceTelemetry.ConcurrencyConflictsInstrument));
        Assert.Equal(1, recorder.Sum(PersistenceTelemetry.IdentityMapHitsInstrument));
        Assert.Equal(2, recorder.Sum(PersistenceTelemetry.RecordsReadInstrument));
        Assert.Equal(3, recorder.Sum(PersistenceTelemetry.RecordsWrittenInstrument)); // job and executable, then the job again; the refused save counts nothing
        Assert.True(recorder.Sum(PersistenceTelemetry.BytesWrittenInstrument) > recorder.Sum(PersistenceTelemetry.BytesReadInstrument));
        Assert.Equal(7, recorder.Of(PersistenceTelemetry.OperationDurationInstrument).Count);

        var debug = logs.Entries.Where(e => e.Level == LogLevel.Debug).Select(e => e.Message).ToList();
        Assert.Equal(
            [
                $"Saved 2 records to {_table}, root {id}",
                $"Loaded {id} from the identity map of {_table}",
                $"Listed 2 IDs in {_table}",
                $"Removed {id} from {_table} (a record existed: True)",
            ],
            debug.Select(message => System.Text.RegularExpressions.Regex.Replace(message, @" \(\d+ bytes\)", "")));
    }
}
