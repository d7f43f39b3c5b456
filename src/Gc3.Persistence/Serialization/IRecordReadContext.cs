namespace Gc3.Persistence.Serialization;

/// <summary>
/// The load in progress, as the serialization layer sees it: <see cref="PersistableReferenceFormatter{T}"/>
/// finds it as the <see cref="MemoryPack.MemoryPackSerializerOptions.ServiceProvider"/> of the reader and
/// asks it for the object every reference inside a record names. The engine's load implements it.
/// </summary>
internal interface IRecordReadContext
{
    /// <summary>
    /// The object a reference names, given as the UTF-8 bytes of its type <paramref name="tag"/> and ID
    /// <paramref name="prefix"/> that the record holds, and its ID's <paramref name="seqNo"/>: the one
    /// already loaded, or a new one whose record the load reads next; <see langword="null"/> when the
    /// record is missing and the store loads missing references as null.
    /// </summary>
    object? Resolve(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> prefix, long seqNo);
}
