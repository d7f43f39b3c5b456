namespace Gc3.Persistence.Generators.Model;

/// <summary>
/// Everything the emitter needs to write the generated part of one <c>[Persistable]</c> class.
/// </summary>
/// <remarks>
/// Cached by the incremental pipeline: it must stay immutable and equal by value, so it holds only
/// strings, numbers, enums and <see cref="EquatableArray{T}"/>s, never symbols or syntax. Keep it so
/// when adding members.
/// </remarks>
internal sealed record PersistableTypeSpec(
    string HintName,
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string DeclarationKeyword,
    string Name,
    string FullyQualifiedName,
    string Tag,
    string IdPrefix,
    bool IsAbstract,
    bool IsSealed,
    bool HasPersistableBase,
    bool HidesBaseSerializer,
    bool NeedsUnsafeConstructor,
    EquatableArray<PersistableMemberSpec> Members,
    EquatableArray<StoreColumnSpec> Columns,
    EquatableArray<FormatterSpec> Formatters,
    bool CreatesUninitialized = false,
    RecordPrintSpec? RecordPrinting = null,
    SchemaSpec? Schema = null);
