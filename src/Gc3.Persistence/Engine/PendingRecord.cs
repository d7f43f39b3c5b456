using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Engine;

/// <summary>One record a save is about to write: the object, its ID, its serializer and its encoded bytes.</summary>
/// <param name="Id">The record's ID.</param>
/// <param name="Object">The object the record was written from.</param>
/// <param name="Serializer">The serializer of the object's type (its tag and store columns).</param>
/// <param name="Data">The record bytes, in <see cref="Records.RecordFormat"/>.</param>
/// <param name="IsRoot">Whether this is the object <c>Save</c> was called with (the others were reached from it).</param>
/// <param name="ExpectedVersion">
/// For stores that keep record versions (optimistic concurrency): <c>0</c> when the object got its ID
/// in this save, so no record may exist under it yet; the version the object had when this store
/// last loaded or saved it, which the stored record must still have; <see langword="null"/> when
/// the store has no version for it (<c>Replace</c>, or an object it never saw), so the record is
/// written whatever the store holds. A store without versions ignores it.
/// </param>
public readonly record struct PendingRecord(Id Id, object Object, PersistableSerializer Serializer, ReadOnlyMemory<byte> Data, bool IsRoot, long? ExpectedVersion = null);
