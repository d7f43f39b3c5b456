using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Tool.Output;

/// <summary>
/// The stores' log as gc3p shows it: each warning or error on standard error, one line each ("gc3p: warning: ..."),
/// so what a store skips (a damaged schema file, a file named like a record that is none) is said, not lost.
/// Less severe messages are dropped, and a skipped thing said again is not repeated. One per store, so that what each
/// store skipped is counted apart.
/// </summary>
internal sealed class WarningLogger(TextWriter error) : ILogger, ILoggerFactory
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);

    /// <summary>
    /// How many different things the store said it skipped (<see cref="StoreLogEvents.Skipped"/>: a row that makes no
    /// ID, a file named like a record that is none, a damaged schema or journal); a listing said twice counts once.
    /// </summary>
    public int Skipped
    {
        get
        {
            lock (_gate)
            {
                return _skipped.Count;
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
        => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = $"gc3p: {(logLevel == LogLevel.Warning ? "warning" : "error")}: {Printable.Of(formatter(state, exception))}";
        lock (_gate)
        {
            // Every listing says what it skips, and a command may list twice (ls counts, then lists): said once here.
            if (eventId != StoreLogEvents.Skipped || _skipped.Add(line))
            {
                error.WriteLine(line);
            }
        }
    }

    public void Dispose()
    {
    }
}
