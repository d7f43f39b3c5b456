using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Testing;

/// <summary>
/// Loggers that throw on every entry at or above <see cref="Minimum"/> while <see cref="Armed"/>, as a provider that cannot write its log may
/// (a full disk, a closed pipe): a store operation must do, and report, the same as with a logger that works.
/// </summary>
public sealed class ThrowingLoggerFactory(LogLevel minimum) : ILoggerFactory, ILogger
{
    public const string Refusal = "the log cannot be written";

    private int _refused;

    public LogLevel Minimum { get; } = minimum;

    /// <summary>Whether the loggers throw now; they log nothing either way.</summary>
    public bool Armed { get; set; } = true;

    /// <summary>How many entries the loggers refused, by throwing.</summary>
    public int Refused => _refused;

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => Armed && logLevel >= Minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        Interlocked.Increment(ref _refused);
        throw new InvalidOperationException(Refusal);
    }
}
