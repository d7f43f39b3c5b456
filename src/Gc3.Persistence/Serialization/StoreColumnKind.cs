namespace Gc3.Persistence.Serialization;

/// <summary>The kind of value a store column holds, which decides its SQL type.</summary>
public enum StoreColumnKind
{
    /// <summary>Text (strings, enum names, GUIDs).</summary>
    Text,

    /// <summary>A 64-bit integer (integral numbers and booleans).</summary>
    Integer,

    /// <summary>A floating-point number.</summary>
    Real,

    /// <summary>A point in time, stored as UTC.</summary>
    Timestamp,
}
