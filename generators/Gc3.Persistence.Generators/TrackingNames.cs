namespace Gc3.Persistence.Generators;

/// <summary>Names of the tracked pipeline steps, checked by the incrementality tests.</summary>
internal static class TrackingNames
{
    public const string PersistableTypes = nameof(PersistableTypes);
    public const string RegisteredTypes = nameof(RegisteredTypes);
    public const string ReferencedRegistrations = nameof(ReferencedRegistrations);
    public const string Registration = nameof(Registration);
    public const string SchemaLock = nameof(SchemaLock);
}
