using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Telemetry;

/// <summary>
/// The store's way to the application's <see cref="ILogger"/>: what the store logs is best effort, so a logger that
/// throws (a provider that cannot write its log) never changes what a store operation did or what it reports. Before, its
/// exception reached the caller of a save or commit whose records were written, as if the operation had failed.
/// </summary>
internal sealed class BestEffortLogger(ILogger logger) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        try
        {
            return logger.BeginScope(state);
        }
        catch (Exception)
        {
            return null;
        }
    }

    public bool IsEnabled(LogLevel logLevel)
    {
        try
        {
            return logger.IsEnabled(logLevel);
        }
        catch (Exception)
        {
            return false;
        }
    }

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            logger.Log(logLevel, eventId, state, exception, formatter);
        }
        catch (Exception)
        {
            // The entry is lost; the logger's own failure is the application's to see (its provider, its first-chance exceptions).
        }
    }
}
