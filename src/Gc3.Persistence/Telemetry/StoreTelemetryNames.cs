namespace Gc3.Persistence.Telemetry;

/// <summary>
/// The strings one store's spans and measurements carry, made once per store so that an operation
/// observed by a listener does not build them again.
/// </summary>
internal sealed class StoreTelemetryNames
{
    private static readonly string[] OperationNames = ["save", "load", "remove", "list", "count", "transaction"];

    private readonly string[] _spanNames;

    public StoreTelemetryNames(string systemName, string collectionName)
    {
        SystemName = systemName;
        CollectionName = collectionName;

        // The semantic conventions' span name: "{db.operation.name} {db.collection.name}".
        _spanNames = Array.ConvertAll(OperationNames, operation => collectionName.Length == 0 ? operation : $"{operation} {collectionName}");
    }

    public string SystemName { get; }

    public string CollectionName { get; }

    public static string OperationName(StoreOperationKind kind) => OperationNames[(int)kind];

    public string SpanName(StoreOperationKind kind) => _spanNames[(int)kind];
}
