namespace Gc3.Persistence.Telemetry;

/// <summary>The store operations that report spans and measurements; the value indexes <see cref="StoreTelemetryNames"/>.</summary>
internal enum StoreOperationKind
{
    Save,
    Load,
    Remove,
    List,
    Count,
    Transaction,
}
