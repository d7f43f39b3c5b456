namespace Gc3.Persistence.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the Gc3.Persistence analyzers report. Each ID has a page under
/// <c>docs/diagnostics/</c>; keep the pages, the README table and <c>AnalyzerReleases.Unshipped.md</c>
/// in step with this list.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string TypeNotPartialId = "GC3P001";
    public const string MemberNotSerializableId = "GC3P002";
    public const string NoParameterlessConstructorId = "GC3P003";
    public const string UnsupportedTypeKindId = "GC3P004";
    public const string DuplicateTagId = "GC3P005";
    public const string TagClashesWithReferenceId = "GC3P006";
    public const string ReferencedTagsClashId = "GC3P007";
    public const string DuplicateOrderKeyId = "GC3P008";
    public const string DuplicateNameKeyId = "GC3P009";
    public const string KeyAttributeIgnoredId = "GC3P010";
    public const string StoreColumnNotScalarId = "GC3P011";
    public const string DuplicateStoreColumnId = "GC3P012";
    public const string GeneratedMemberClashId = "GC3P013";
    public const string NotFullyTrackedId = "GC3P014";
    public const string DerivedTypeNotPersistableId = "GC3P015";
    public const string BaseMembersNotPersistedId = "GC3P016";
    public const string ReadOnlyMemberNotPersistedId = "GC3P017";
    public const string InvalidTagOrPrefixId = "GC3P018";
    public const string LockedTagMissingId = "GC3P019";
    public const string LockedMemberTypeChangedId = "GC3P020";
    public const string LockedEnumMemberRemovedId = "GC3P021";
    public const string LockedKeyRemovedId = "GC3P022";
    public const string NotInLockId = "GC3P023";
    public const string LockUnreadableId = "GC3P024";
    public const string LockedEnumRenumberedId = "GC3P025";
    public const string DecodedOutsideGuardId = "GC3P026";
    public const string UnimplementedPartialId = "GC3P027";
    public const string CapturedParameterId = "GC3P028";
    public const string UnwrittenMemoryPackStateId = "GC3P029";

    private const string Category = "Gc3.Persistence";
    private const string HelpLinkBase = "https://github.com/gc3pie/Gc3.Persistence.Generated/blob/main/docs/diagnostics/";

    /// <summary>A diagnostic of the catalog: enabled, in its category, with its docs page as the help link.</summary>
    private static DiagnosticDescriptor Rule(
        string id, DiagnosticSeverity severity, string title, string messageFormat, string description)
        => new(id, title, messageFormat, Category, severity, isEnabledByDefault: true, description, HelpLinkBase + id + ".md");

    /// <summary>
    /// A <see cref="Rule"/> reported once the whole compilation is known (it compares types across it), so
    /// the IDE reports it only in a full analysis.
    /// </summary>
    private static DiagnosticDescriptor CompilationEndRule(
        string id, DiagnosticSeverity severity, string title, string messageFormat, string description)
        => new(id, title, messageFormat, Category, severity, isEnabledByDefault: true, description, HelpLinkBase + id + ".md",
            WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>GC3P001: "The type '{0}' must be declared partial, so that the generator can add the persistence code of '{1}'".</summary>
    public static readonly DiagnosticDescriptor TypeNotPartial = Rule(
        TypeNotPartialId, DiagnosticSeverity.Error,
        title: "A [Persistable] type and every type containing it must be partial",
        messageFormat: "The type '{0}' must be declared partial, so that the generator can add the persistence code of '{1}'",
        description: "The generator writes the serializer of a [Persistable] type into another part of that type (and of each type it is nested in); without 'partial' it writes nothing and the type cannot be saved.");

    /// <summary>GC3P002: "The member '{0}.{1}' of type '{2}' cannot be persisted: {3}".</summary>
    public static readonly DiagnosticDescriptor MemberNotSerializable = Rule(
        MemberNotSerializableId, DiagnosticSeverity.Error,
        title: "A persisted member's type cannot be serialized",
        messageFormat: "The member '{0}.{1}' of type '{2}' cannot be persisted: {3}",
        description: "Every instance field and auto-property of a [Persistable] type is persisted, whatever its accessibility. The generator leaves out a member whose type it cannot write, so its value would be lost; change its type or mark it [PersistIgnore].");

    /// <summary>GC3P003: "'{0}' has no parameterless constructor, which a load needs to create an instance; add one (it may be private)".</summary>
    public static readonly DiagnosticDescriptor NoParameterlessConstructor = Rule(
        NoParameterlessConstructorId, DiagnosticSeverity.Error,
        title: "A [Persistable] type needs a parameterless constructor",
        messageFormat: "'{0}' has no parameterless constructor, which a load needs to create an instance; add one (it may be private)",
        description: "A load creates an empty instance and then reads its members into it. The generated code calls a parameterless constructor of any accessibility; abstract types need none.");

    /// <summary>GC3P004: "[Persistable] cannot be applied to '{0}': {1}".</summary>
    public static readonly DiagnosticDescriptor UnsupportedTypeKind = Rule(
        UnsupportedTypeKindId, DiagnosticSeverity.Error,
        title: "[Persistable] is applied to a kind of type it does not support",
        messageFormat: "[Persistable] cannot be applied to '{0}': {1}",
        description: "Only non-generic, non-static classes (and record classes) that are not nested in a generic type can be [Persistable].");

    /// <summary>GC3P005: "The type tag '{0}' of '{1}' is also the tag of '{2}'; give one of them another tag with [Persistable(\"...\")]".</summary>
    public static readonly DiagnosticDescriptor DuplicateTag = CompilationEndRule(
        DuplicateTagId, DiagnosticSeverity.Error,
        title: "Two [Persistable] types have the same type tag",
        messageFormat: "The type tag '{0}' of '{1}' is also the tag of '{2}'; give one of them another tag with [Persistable(\"...\")]",
        description: "A record names its type by tag, so a tag must belong to one concrete type. At run time a tag claimed by two types can be neither saved nor loaded.");

    /// <summary>GC3P006: "The type tag '{0}' of '{1}' is also the tag of '{2}' in the referenced assembly '{3}'; give '{1}' another tag".</summary>
    public static readonly DiagnosticDescriptor TagClashesWithReference = Rule(
        TagClashesWithReferenceId, DiagnosticSeverity.Error,
        title: "A [Persistable] type has the same type tag as one in a referenced assembly",
        messageFormat: "The type tag '{0}' of '{1}' is also the tag of '{2}' in the referenced assembly '{3}'; give '{1}' another tag",
        description: "Every persistable type of every loaded assembly is registered by its tag; two types with one tag make that tag unusable at run time.");

    /// <summary>GC3P007: "The referenced assemblies '{1}' and '{3}' both use the type tag '{4}', for '{0}' and '{2}'; records with this tag can be neither saved nor loaded".</summary>
    public static readonly DiagnosticDescriptor ReferencedTagsClash = CompilationEndRule(
        ReferencedTagsClashId, DiagnosticSeverity.Warning,
        title: "Two referenced assemblies use the same type tag",
        messageFormat: "The referenced assemblies '{1}' and '{3}' both use the type tag '{4}', for '{0}' and '{2}'; records with this tag can be neither saved nor loaded",
        description: "An application registers the persistable types of every assembly it references. When two libraries use one tag, the application cannot save or load objects of either type; ask the library authors to change a tag.");

    /// <summary>GC3P008: "'{0}.{1}' is pinned to key {2}, which '{3}' already uses".</summary>
    public static readonly DiagnosticDescriptor DuplicateOrderKey = Rule(
        DuplicateOrderKeyId, DiagnosticSeverity.Error,
        title: "Two members are pinned to the same [PersistOrder] key",
        messageFormat: "'{0}.{1}' is pinned to key {2}, which '{3}' already uses",
        description: "Records find members by key, so the keys of a type and its persistable base types must be unique; two members with one key overwrite each other on load.");

    /// <summary>GC3P009: "'{0}.{1}' is stored under the same key as '{2}' ({3}); give one of them another [PersistName] or a [PersistOrder] key".</summary>
    public static readonly DiagnosticDescriptor DuplicateNameKey = Rule(
        DuplicateNameKeyId, DiagnosticSeverity.Error,
        title: "Two members are stored under the same name key",
        messageFormat: "'{0}.{1}' is stored under the same key as '{2}' ({3}); give one of them another [PersistName] or a [PersistOrder] key",
        description: "Without [PersistOrder], a member's key is a hash of its name or of its [PersistName]. Two members of a type and its persistable base types whose keys are equal overwrite each other on load.");

    /// <summary>GC3P010: "The {0} on '{1}.{2}' is ignored: {3}".</summary>
    public static readonly DiagnosticDescriptor KeyAttributeIgnored = Rule(
        KeyAttributeIgnoredId, DiagnosticSeverity.Warning,
        title: "A [PersistOrder] or [PersistName] attribute is ignored",
        messageFormat: "The {0} on '{1}.{2}' is ignored: {3}",
        description: "A negative [PersistOrder] key, an empty [PersistName], or either attribute on a member that is not persisted has no effect, which is rarely what was meant.");

    /// <summary>GC3P011: "[StoreColumn] on '{0}.{1}' is ignored: {2}".</summary>
    public static readonly DiagnosticDescriptor StoreColumnNotScalar = Rule(
        StoreColumnNotScalarId, DiagnosticSeverity.Error,
        title: "[StoreColumn] is on a member that cannot be a column",
        messageFormat: "[StoreColumn] on '{0}.{1}' is ignored: {2}",
        description: "A store column holds one scalar read from a public instance property or field: a number, bool, char, string, enum, DateTime, DateTimeOffset or Guid, or a nullable one of these.");

    /// <summary>GC3P012: "The store column '{0}' of '{1}.{2}' is also declared by '{3}'".</summary>
    public static readonly DiagnosticDescriptor DuplicateStoreColumn = Rule(
        DuplicateStoreColumnId, DiagnosticSeverity.Error,
        title: "Two members declare the same store column",
        messageFormat: "The store column '{0}' of '{1}.{2}' is also declared by '{3}'",
        description: "SQL column names are compared without regard to case; each [StoreColumn] of a type and its persistable base types needs a name of its own.");

    /// <summary>GC3P013: "'{0}' declares or is named '{1}', which clashes with the '{1}' that Gc3.Persistence adds to every [Persistable] type; rename it".</summary>
    public static readonly DiagnosticDescriptor GeneratedMemberClash = Rule(
        GeneratedMemberClashId, DiagnosticSeverity.Error,
        title: "A member clashes with the generated PersistentId or Changed",
        messageFormat: "'{0}' declares or is named '{1}', which clashes with the '{1}' that Gc3.Persistence adds to every [Persistable] type; rename it",
        description: "The generator adds 'PersistentId' and 'Changed' (IPersistable) to every root [Persistable] type. A root type that declares either, or is named either (C# forbids a member named like its type), gets no generated code; a derived type that declares either hides them from the generated change tracking.");

    /// <summary>GC3P027: "The partial property '{0}.{1}' gets no implementation from the generator: {2}; remove 'partial' to make it an auto-property, or write its implementing declaration".</summary>
    public static readonly DiagnosticDescriptor UnimplementedPartial = Rule(
        UnimplementedPartialId, DiagnosticSeverity.Error,
        title: "A partial property of a [Persistable] type that the generator does not implement",
        messageFormat: "The partial property '{0}.{1}' gets no implementation from the generator: {2}; remove 'partial' to make it an auto-property, or write its implementing declaration",
        description: "The generator writes the implementing declaration of each partial property it persists, with its change tracking. A partial property it leaves out ([PersistIgnore], static, without a setter) gets none, which the compiler reports only as CS9248.");

    /// <summary>GC3P028: "'{0}' uses its primary constructor parameter '{1}' in a member, so the compiler keeps it in a hidden field that is not persisted ...".</summary>
    public static readonly DiagnosticDescriptor CapturedParameter = Rule(
        CapturedParameterId, DiagnosticSeverity.Error,
        title: "A primary constructor parameter of a [Persistable] class is captured in a hidden field that is not persisted",
        messageFormat: "'{0}' uses its primary constructor parameter '{1}' in a member, so the compiler keeps it in a hidden field that is not persisted: a loaded object would lose its value; assign it to a field or property in an initializer (such as '= {1};') and use that instead",
        description: "A primary constructor parameter used outside initializers is captured by the compiler in a field of its own, which no member declares, so the generated code cannot persist it. A load creates the object without running the primary constructor, and the parameter's value is lost.");

    /// <summary>GC3P014: "'{0}' is not fully change-tracked, so every save that reaches it encodes it to find its changes: {1}".</summary>
    public static readonly DiagnosticDescriptor NotFullyTracked = Rule(
        NotFullyTrackedId, DiagnosticSeverity.Info,
        title: "A [Persistable] type is not fully change-tracked",
        messageFormat: "'{0}' is not fully change-tracked, so every save that reaches it encodes it to find its changes: {1}",
        description: "Only a 'partial' property of an immutable type (string, number, enum, DateTime, Guid, a [Persistable] reference, ...) sets Changed when it is assigned. An object with any other persisted member is encoded whenever a save reaches it, and written when its record differs from the stored one: no change is lost, at the cost of encoding.");

    /// <summary>GC3P015: "'{0}' derives from the [Persistable] type '{1}' but is not [Persistable] itself, so its instances cannot be saved".</summary>
    public static readonly DiagnosticDescriptor DerivedTypeNotPersistable = Rule(
        DerivedTypeNotPersistableId, DiagnosticSeverity.Warning,
        title: "A class derived from a [Persistable] type is not [Persistable]",
        messageFormat: "'{0}' derives from the [Persistable] type '{1}' but is not [Persistable] itself, so its instances cannot be saved",
        description: "[Persistable] is not inherited. Saving an instance of a derived class that is not marked fails at run time, and its own members would not be persisted; mark it [Persistable] (and partial).");

    /// <summary>GC3P016: "The members of the base class '{0}' are not persisted with '{1}': {2}; {3}".</summary>
    public static readonly DiagnosticDescriptor BaseMembersNotPersisted = Rule(
        BaseMembersNotPersistedId, DiagnosticSeverity.Warning,
        title: "Members of a non-persistable base class are not persisted",
        messageFormat: "The members of the base class '{0}' are not persisted with '{1}': {2}; {3}",
        description: "The generator persists the members declared in [Persistable] types only. Members inherited from a base class that is not [Persistable], and the elements of a collection class it derives from, read back as their defaults (empty).");

    /// <summary>GC3P017: "'{0}.{1}' is read-only, so it is not persisted; give it a setter (it may be private or init) or mark it [PersistIgnore]".</summary>
    public static readonly DiagnosticDescriptor ReadOnlyMemberNotPersisted = Rule(
        ReadOnlyMemberNotPersistedId, DiagnosticSeverity.Warning,
        title: "A read-only member holding state is not persisted",
        messageFormat: "'{0}.{1}' is read-only, so it is not persisted; give it a setter (it may be private or init) or mark it [PersistIgnore]",
        description: "Get-only auto-properties and readonly fields hold state, but a load cannot assign them, so they are not persisted and read back as whatever the constructor sets. Computed properties (with a getter body) are not reported.");

    /// <summary>GC3P018: "The {0} '{1}' of '{2}' is not valid: {3}".</summary>
    public static readonly DiagnosticDescriptor InvalidTagOrPrefix = Rule(
        InvalidTagOrPrefixId, DiagnosticSeverity.Error,
        title: "A type tag or ID prefix is not valid",
        messageFormat: "The {0} '{1}' of '{2}' is not valid: {3}",
        description: "A type tag is 1 to 1024 bytes of UTF-8. An ID prefix (IdPrefix, by default the class name) is 1 to 128 ASCII letters, digits, '_', '-' or '.', starting with a letter, digit or '_'; otherwise the first save fails at run time.");

    /// <summary>GC3P019: "The schema lock has records of the tag '{0}', which no type carries any more{1}".</summary>
    public static readonly DiagnosticDescriptor LockedTagMissing = CompilationEndRule(
        LockedTagMissingId, DiagnosticSeverity.Error,
        title: "A type tag in the schema lock is carried by no type",
        messageFormat: "The schema lock has records of the tag '{0}', which no type carries any more{1}",
        description: "Records name their type by its tag. A tag the lock holds but no [Persistable] type carries (a class renamed without an explicit tag, a tag changed) leaves every stored record of it unloadable. Give the type its old tag with [Persistable(\"old-tag\")], or accept the change by rewriting the lock (dotnet build -p:UpdatePersistenceLock=true).");

    /// <summary>GC3P020: "'{0}.{1}' was stored as '{2}' and is now '{3}', which stored records cannot be read as".</summary>
    public static readonly DiagnosticDescriptor LockedMemberTypeChanged = Rule(
        LockedMemberTypeChangedId, DiagnosticSeverity.Error,
        title: "A locked member's type changed in a way stored records cannot be read as",
        messageFormat: "'{0}.{1}' was stored as '{2}' and is now '{3}', which stored records cannot be read as; keep the old type, or add a new member and convert in OnPersistenceLoaded",
        description: "A load resolves a stored value to the member's new type only for lossless numeric promotions, T to and from T? of fixed-size values, lists, arrays and sets of resolvable elements, dictionaries of resolvable keys and values, string to and from an enum, enums by name, and [MemoryPackable] types of MemoryPack's default layout member by member by name. Any other change makes the stored values of the member unreadable.");

    /// <summary>GC3P021: "The enum '{2}' of '{0}.{1}' no longer has {3}, which stored records may hold".</summary>
    public static readonly DiagnosticDescriptor LockedEnumMemberRemoved = Rule(
        LockedEnumMemberRemovedId, DiagnosticSeverity.Error,
        title: "An enum member in the schema lock was removed or renamed",
        messageFormat: "The enum '{2}' of '{0}.{1}' no longer has {3}, which stored records may hold; keep the member (adding and reordering members is fine)",
        description: "Stored enum values are resolved by member name, so adding or reordering enum members is safe, but a record holding a member that was removed or renamed cannot be loaded.");

    /// <summary>GC3P022: "'{0}.{1}' was stored under the key {2} and now has the key {3}: its stored values are no longer read".</summary>
    public static readonly DiagnosticDescriptor LockedKeyRemoved = Rule(
        LockedKeyRemovedId, DiagnosticSeverity.Error,
        title: "A member's stored key changed ([PersistName] or [PersistOrder] removed)",
        messageFormat: "'{0}.{1}' was stored under the key {2} and now has the key {3}: its stored values are no longer read; restore its [PersistName]/[PersistOrder]",
        description: "A member's values are stored under a key made from its name, its [PersistName] or its [PersistOrder]. Removing or changing that attribute gives the member a new key, and the values stored under the old one are skipped on load.");

    /// <summary>GC3P023: "{0} is not in the schema lock yet".</summary>
    public static readonly DiagnosticDescriptor NotInLock = Rule(
        NotInLockId, DiagnosticSeverity.Warning,
        title: "A persisted type or member is not in the schema lock",
        messageFormat: "{0} is not in the schema lock yet; add it (code fix) or rewrite the lock with 'dotnet build -p:UpdatePersistenceLock=true'",
        description: "The schema lock records the shipped schemas. A new type or member is safe for stored records, but the lock does not know it yet, so a later change to it would go unchecked.");

    /// <summary>GC3P024: "The schema lock '{0}' cannot be read: {1}".</summary>
    public static readonly DiagnosticDescriptor LockUnreadable = CompilationEndRule(
        LockUnreadableId, DiagnosticSeverity.Error,
        title: "The schema lock cannot be read",
        messageFormat: "The schema lock '{0}' cannot be read: {1}",
        description: "persistence.lock.json must be {\"format\":1,\"schemas\":[...]} with one schema document per type, as 'dotnet build -p:UpdatePersistenceLock=true' writes it.");

    /// <summary>GC3P025: "'{0}.{1}' holds the enum '{2}' inside '{3}', which stores it by number, and its numbering changed since the lock: {4}".</summary>
    public static readonly DiagnosticDescriptor LockedEnumRenumbered = Rule(
        LockedEnumRenumberedId, DiagnosticSeverity.Error,
        title: "An enum stored by number inside an unmanaged struct was renumbered",
        messageFormat: "'{0}.{1}' holds the enum '{2}' inside '{3}', which stores it by number, and its numbering changed since the lock: {4}; give the enum's members their old numbers explicitly",
        description: "MemoryPack copies an unmanaged struct (and writes a tuple's or other opaque type's enums) as numbers, which no load can resolve by name: inserting, reordering, renumbering or removing a member of such an enum would silently change what stored values mean. Records written since the lock fail to load with a LoadException instead; keep the old numbers (Name = number) and append new members.");

    /// <summary>GC3P026: "'{0}.{1}' holds '{2}'{3}, which {4}: the store cannot bound the member's nesting depth or check its lengths before MemoryPack decodes it, so a hostile record could end the process ...".</summary>
    public static readonly DiagnosticDescriptor DecodedOutsideGuard = Rule(
        DecodedOutsideGuardId, DiagnosticSeverity.Warning,
        title: "A member is decoded by MemoryPack without the store's depth and length checks",
        messageFormat: "'{0}.{1}' holds '{2}'{3}, which {4}: the store cannot bound the member's nesting depth or check its lengths before MemoryPack decodes it, so a hostile record could end the process (fix: a plain [MemoryPackable] type; or suppress where the store's records are trusted)",
        description: "Before MemoryPack decodes a member holding [MemoryPackable] objects, a load walks its bytes by the type's schema, bounding its nesting depth and checking every length, so a hostile record is a LoadException. The walk cannot read a type in MemoryPack's version-tolerant, circular-reference or union mode, a generic [MemoryPackable] type, a type or member with a formatter of its own, nor any type the schema names opaque inside such an object; MemoryPack decodes those members unchecked, and a hostile record can overflow the stack or make it read outside the record.");

    /// <summary>GC3P029: "'{0}.{1}' holds the [MemoryPackable] type '{2}', whose state MemoryPack does not bring back: {3} would read back as the default after a load".</summary>
    public static readonly DiagnosticDescriptor UnwrittenMemoryPackState = Rule(
        UnwrittenMemoryPackStateId, DiagnosticSeverity.Warning,
        title: "A [MemoryPackable] type a record holds has state MemoryPack does not bring back",
        messageFormat: "'{0}.{1}' holds the [MemoryPackable] type '{2}', whose state MemoryPack does not bring back: {3} would read back as the default after a load",
        description: "MemoryPack's generated code writes a [MemoryPackable] type's public fields and properties and the members marked [MemoryPackInclude], nothing else, and sets a get-only property or readonly field only through a parameter of the constructor it calls; other state of such a type inside a record is lost on load without a word.");
}
