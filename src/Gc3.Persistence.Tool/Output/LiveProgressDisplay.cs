using Spectre.Console;

namespace Gc3.Persistence.Tool.Output;

/// <summary>
/// A live progress bar on standard error (a terminal), drawn by Spectre.Console on a thread of its
/// own: the command only sets the count, and the bar shows it with the rate and the time left.
/// </summary>
internal sealed class LiveProgressDisplay : ProgressDisplay
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ProgressTask> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _running;

    public LiveProgressDisplay(TextWriter error, string label, long total)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error) });
        var progress = console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RateColumn(), new RemainingTimeColumn());
        _running = progress.StartAsync(async context =>
        {
            var task = context.AddTask(label, maxValue: Math.Max(total, 1));
            task.IsIndeterminate = total <= 0;
            _started.SetResult(task);
            await _done.Task.ConfigureAwait(false);
            task.StopTask();
        });
    }

    public override bool IsLive => true;

    public override void Report(long done)
    {
        if (_started.Task.IsCompletedSuccessfully)
        {
            _started.Task.Result.Value = done;
        }
    }

    public override void Dispose()
    {
        _done.TrySetResult();
        _running.GetAwaiter().GetResult();
    }
}
