using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Telemetry;

/// <summary>
/// The application's logger factory as a library under a store (Npgsql) gets it: its loggers are <see cref="BestEffortLogger"/>s,
/// so a logger that throws as the library logs (after a <c>COMMIT</c>, say) cannot turn a write that happened into a failure.
/// Disposing it leaves the application's factory alone: the application owns it.
/// </summary>
internal sealed class BestEffortLoggerFactory(ILoggerFactory factory) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new BestEffortLogger(factory.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => factory.AddProvider(provider);

    public void Dispose()
    {
    }
}
