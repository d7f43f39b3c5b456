namespace Gc3.Persistence.Generators;

/// <summary>Metadata names of the types the generator and the analyzers look for, and the names emitted code uses.</summary>
internal static class KnownTypeNames
{
    public const string PersistableAttribute = "Gc3.Persistence.PersistableAttribute";
    public const string PersistIgnoreAttribute = "Gc3.Persistence.PersistIgnoreAttribute";
    public const string PersistOrderAttribute = "Gc3.Persistence.PersistOrderAttribute";
    public const string PersistNameAttribute = "Gc3.Persistence.PersistNameAttribute";
    public const string PersistUnknownEnumValueAttribute = "Gc3.Persistence.PersistUnknownEnumValueAttribute";
    public const string StoreColumnAttribute = "Gc3.Persistence.StoreColumnAttribute";
    public const string PersistenceRegistrationAttribute = "Gc3.Persistence.Serialization.PersistenceRegistrationAttribute";
    public const string MemoryPackableAttribute = "MemoryPack.MemoryPackableAttribute";
    public const string MemoryPackUnionAttribute = "MemoryPack.MemoryPackUnionAttribute";
    public const string MemoryPackIgnoreAttribute = "MemoryPack.MemoryPackIgnoreAttribute";
    public const string MemoryPackIncludeAttribute = "MemoryPack.MemoryPackIncludeAttribute";
    public const string MemoryPackOrderAttribute = "MemoryPack.MemoryPackOrderAttribute";
    public const string MemoryPackConstructorAttribute = "MemoryPack.MemoryPackConstructorAttribute";
    public const string NonSerializedAttribute = "System.NonSerializedAttribute";

    // Fully qualified names used in emitted code (a test checks that each one resolves against the runtime).
    public const string Id = "global::Gc3.Persistence.Id";
    public const string IPersistable = "global::Gc3.Persistence.IPersistable";
    public const string IPersistableBody = "global::Gc3.Persistence.Serialization.IPersistableBody";
    public const string RecordBuffer = "global::Gc3.Persistence.Serialization.RecordBuffer";
    public const string MemberFraming = "global::Gc3.Persistence.Serialization.MemberFraming";
    public const string PersistableSerializer = "global::Gc3.Persistence.Serialization.PersistableSerializer";
    public const string PersistableRegistry = "global::Gc3.Persistence.Serialization.PersistableRegistry";
    public const string PersistenceRegistration = "global::Gc3.Persistence.Serialization.PersistenceRegistrationAttribute";
    public const string ReferenceFormatter = "global::Gc3.Persistence.Serialization.PersistableReferenceFormatter";
    public const string ZeroBasedArrayFormatter = "global::Gc3.Persistence.Serialization.ZeroBasedArrayFormatter";
    public const string NullableScalars = "global::Gc3.Persistence.Serialization.NullableScalars";
    public const string ComparerCollections = "global::Gc3.Persistence.Serialization.ComparerCollections";
    public const string StoreColumnInfo = "global::Gc3.Persistence.Serialization.StoreColumnInfo";
    public const string StoreColumnKind = "global::Gc3.Persistence.Serialization.StoreColumnKind";
    public const string MemoryPackWriter = "global::MemoryPack.MemoryPackWriter";
    public const string MemoryPackReader = "global::MemoryPack.MemoryPackReader";
    public const string MemoryPackFormatters = "global::MemoryPack.Formatters";
    public const string EditorBrowsableAttribute = "global::System.ComponentModel.EditorBrowsableAttribute";
    public const string EditorBrowsableState = "global::System.ComponentModel.EditorBrowsableState";
    public const string GeneratedCodeAttribute = "global::System.CodeDom.Compiler.GeneratedCodeAttribute";
    public const string ModuleInitializerAttribute = "global::System.Runtime.CompilerServices.ModuleInitializerAttribute";
    public const string UnsafeAccessorAttribute = "global::System.Runtime.CompilerServices.UnsafeAccessorAttribute";
    public const string UnsafeAccessorKind = "global::System.Runtime.CompilerServices.UnsafeAccessorKind";
    public const string RuntimeHelpers = "global::System.Runtime.CompilerServices.RuntimeHelpers";
    public const string Interlocked = "global::System.Threading.Interlocked";
    public const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
    public const string Span = "global::System.Span";
    public const string PersistenceState = "global::Gc3.Persistence.Serialization.PersistenceState";
    public const string TextBuilder = "global::System.Text.StringBuilder";
}
