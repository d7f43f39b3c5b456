using MemoryPack;

namespace JobManager.Domain;

/// <summary>
/// The MemoryPack shapes (collections, nullables, arrays, structs) that the members of this
/// library's persistable types use. Under Native AOT, MemoryPack can only build a formatter for a
/// generic shape nobody registered through <c>MakeGenericType</c>, which may fail there; the
/// Gc3.Persistence generator registers a concrete formatter for each shape at start-up instead.
/// <see cref="Check"/> lets an application prove that, in the process it runs in.
/// </summary>
public static class DomainFormatters
{
    /// <summary>
    /// Whether each shape has a formatter registered. Meaningful before the first save or load:
    /// after a first use MemoryPack marks a shape as registered whichever way it got its formatter.
    /// </summary>
    public static IReadOnlyList<(string Shape, bool Registered)> Check() =>
    [
        ("List<string>", MemoryPackFormatterProvider.IsRegistered<List<string>>()),
        ("Dictionary<string, string>", MemoryPackFormatterProvider.IsRegistered<Dictionary<string, string>>()),
        ("string[]", MemoryPackFormatterProvider.IsRegistered<string[]>()),
        ("int?", MemoryPackFormatterProvider.IsRegistered<int?>()),
        ("DateTime?", MemoryPackFormatterProvider.IsRegistered<DateTime?>()),
        ("ResourceRequest", MemoryPackFormatterProvider.IsRegistered<ResourceRequest>()),
        ("StateChange", MemoryPackFormatterProvider.IsRegistered<StateChange>()),
        ("List<StateChange>", MemoryPackFormatterProvider.IsRegistered<List<StateChange>>()),
        ("List<Job>", MemoryPackFormatterProvider.IsRegistered<List<Job>>()),
        ("Job", MemoryPackFormatterProvider.IsRegistered<Job>()),
        ("Executable", MemoryPackFormatterProvider.IsRegistered<Executable>()),
    ];
}
