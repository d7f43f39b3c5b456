namespace Gc3.Persistence.Serialization;

/// <summary>
/// The save in progress, as the serialization layer sees it: <see cref="PersistableReferenceFormatter{T}"/>
/// finds it as the <see cref="MemoryPack.MemoryPackSerializerOptions.ServiceProvider"/> of the writer and
/// asks it for the ID of every persistable object a record refers to. The engine's save implements it.
/// </summary>
internal interface IRecordWriteContext
{
    /// <summary>
    /// The serializer and ID of <paramref name="value"/>, a persistable object inside the record being
    /// written; the save gives it an ID and queues it as a record of its own when it needs writing.
    /// </summary>
    (PersistableSerializer Serializer, Id Id) Reference(object value);
}
