namespace Gc3.Persistence.Generators.Model;

/// <summary>
/// Where a member's value reaches code MemoryPack decodes without the store's decoding guard walking it first
/// (GC3P026): the type that stops the walk, why, and where it sits.
/// </summary>
/// <param name="TypeName">The type that stops the walk, as messages name it.</param>
/// <param name="Kind">Why the walk cannot read it.</param>
/// <param name="Inside">The <c>[MemoryPackable]</c> member it is declared by (<c>App.Node.Pos</c>), or <see langword="null"/> when the persisted member's own type reaches it through collections and nullables only.</param>
/// <param name="Detail">The formatter attribute's name for <see cref="GuardGapKind.FormatterAttribute"/>; otherwise <see langword="null"/>.</param>
internal sealed record GuardGap(string TypeName, GuardGapKind Kind, string? Inside, string? Detail = null);
