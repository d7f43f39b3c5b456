using System.Diagnostics;

namespace Gc3.Persistence.Tool.Output;

/// <summary>Progress as plain lines on standard error (not a terminal): one every few seconds, none for a command that ends sooner.</summary>
internal sealed class PlainProgressDisplay(TextWriter error, string label, long total) : ProgressDisplay
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _next = Every;
    private long _done;
    private bool _said;

    public override void Report(long done)
    {
        _done = done;
        if (_clock.Elapsed >= _next)
        {
            _next = _clock.Elapsed + Every;
            Say();
        }
    }

    public override void Dispose()
    {
        if (_said)
        {
            Say();
        }
    }

    private void Say()
    {
        _said = true;
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var rate = _done / seconds;
        var of = total > 0 ? string.Create(CultureInfo.InvariantCulture, $" of {total:N0}") : string.Empty;
        var left = total > _done && rate > 0 ? string.Create(CultureInfo.InvariantCulture, $", about {TimeSpan.FromSeconds(Math.Ceiling((total - _done) / rate)):g} left") : string.Empty;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gc3p: {label}: {_done:N0}{of} records ({rate:N0}/s{left})"));
    }
}
