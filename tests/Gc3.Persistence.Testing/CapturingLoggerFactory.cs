using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Testing;

/// <summary>
/// Keeps every log entry at or above <see cref="Minimum"/> that a store writes, so tests can check what it
/// reported, and counts how often a Debug entry was asked for (to prove that disabled events skip their work).
/// </summary>
public sealed class CapturingLoggerFactory(LogLevel minimum = LogLevel.Trace) : ILoggerFactory
{
    private int _debugChecks;

    public LogLevel Minimum { get; } = minimum;

    /// <summary>The entries, each with its event ID: the docs name the IDs a monitor can filter on.</summary>
    public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception, EventId Event)> Entries { get; } = new();

    /// <summary>How many times a logger was asked whether Debug is enabled.</summary>
    public int DebugChecks => _debugChecks;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel)
        {
            if (logLevel == LogLevel.Debug)
            {
                Interlocked.Increment(ref owner._debugChecks);
            }

            return logLevel >= owner.Minimum;
        }

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= owner.Minimum)
            {
                owner.Entries.Enqueue((logLevel, formatter(state, exception), exception, eventId));
            }
        }
    }
}
