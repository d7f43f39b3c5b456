namespace Gc3.Persistence.Generators;

/// <summary>Metadata names of the types the generator and the analyzers look for.</summary>
internal static class KnownTypeNames
{
    public const string PersistableAttribute = "Gc3.Persistence.PersistableAttribute";
    public const string PersistIgnoreAttribute = "Gc3.Persistence.PersistIgnoreAttribute";
    public const string PersistOrderAttribute = "Gc3.Persistence.PersistOrderAttribute";
    public const string PersistNameAttribute = "Gc3.Persistence.PersistNameAttribute";
    public const string StoreColumnAttribute = "Gc3.Persistence.StoreColumnAttribute";
    public const string PersistenceRegistrationAttribute = "Gc3.Persistence.Serialization.PersistenceRegistrationAttribute";
    public const string MemoryPackableAttribute = "MemoryPack.MemoryPackableAttribute";

    // Fully qualified names used in emitted code.
    public const string Id = "global::Gc3.Persistence.Id";
    public const string IPersistable = "global::Gc3.Persistence.IPersistable";
    public const string IPersistableBody = "global::Gc3.Persistence.Serialization.IPersistableBody";
    public const string RecordBuffer = "global::Gc3.Persistence.Serialization.RecordBuffer";
    public const string MemberFraming = "global::Gc3.Persistence.Serialization.MemberFraming";
    public const string PersistableSerializer = "global::Gc3.Persistence.Serialization.PersistableSerializer";
    public const string PersistableRegistry = "global::Gc3.Persistence.Serialization.PersistableRegistry";
    public const string ReferenceFormatter = "global::Gc3.Persistence.Serialization.PersistableReferenceFormatter";
    public const string NullableScalars = "global::Gc3.Persistence.Serialization.NullableScalars";
    public const string StringCollections = "global::Gc3.Persistence.Serialization.StringCollections";
    public const string StoreColumnInfo = "global::Gc3.Persistence.Serialization.StoreColumnInfo";
    public const string StoreColumnKind = "global::Gc3.Persistence.Serialization.StoreColumnKind";
    public const string GeneratedRegistration = "global::Gc3.Persistence.Serialization.GeneratedRegistration";
    public const string MemoryPackWriter = "global::MemoryPack.MemoryPackWriter";
    public const string MemoryPackReader = "global::MemoryPack.MemoryPackReader";
    public const string EditorBrowsableNever = "global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)";
    public const string GeneratedCodeAttribute = "global::System.CodeDom.Compiler.GeneratedCodeAttribute";
}
