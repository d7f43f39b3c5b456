namespace Gc3.Persistence.Generators.Model;

/// <summary>
/// A MemoryPack formatter the registration creates for a type shape a member uses (<c>List&lt;Job&gt;</c>,
/// <c>Job[]</c>, <c>int?</c>, ...), so MemoryPack never builds one with <c>MakeGenericType</c>, which
/// Native AOT cannot guarantee. A <see langword="null"/> <paramref name="FormatterExpression"/> means the
/// type registers its own formatter from its static constructor (a <c>[MemoryPackable]</c> type), which
/// the registration runs.
/// </summary>
internal sealed record FormatterSpec(string TypeName, string? FormatterExpression);
