namespace Gc3.Persistence.Generators.Model;

/// <summary>
/// A MemoryPack formatter the registration creates for a type shape a member uses (<c>List&lt;Job&gt;</c>,
/// <c>Job[]</c>, <c>int?</c>, ...), so MemoryPack never builds one with <c>MakeGenericType</c>, which
/// Native AOT cannot guarantee.
/// </summary>
/// <param name="TypeName">The <c>global::</c>-qualified name of the formatted type.</param>
/// <param name="Kind">Where its formatter comes from.</param>
/// <param name="FormatterName">For <see cref="FormatterKind.MemoryPack"/> and <see cref="FormatterKind.ZeroBasedArray"/>: the formatter's name in <c>MemoryPack.Formatters</c>, without its type arguments.</param>
/// <param name="TypeArguments">For <see cref="FormatterKind.MemoryPack"/> and <see cref="FormatterKind.ZeroBasedArray"/>: the formatter's type arguments, <c>global::</c>-qualified.</param>
internal sealed record FormatterSpec(string TypeName, FormatterKind Kind, string? FormatterName, EquatableArray<string> TypeArguments);
