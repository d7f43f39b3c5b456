namespace Gc3.Persistence.Records;

/// <summary>One record's bytes, as <see cref="IRecordStore"/> reads and writes them.</summary>
/// <param name="Id">The ID the record is stored under.</param>
/// <param name="Tag">The type tag the store keeps beside the record (SQL) or its header holds (file store); <see langword="null"/> when unknown. Writing ignores it: the record's header names the tag.</param>
/// <param name="Data">The record bytes, in <see cref="RecordFormat"/>.</param>
/// <param name="State">The SQL stores' <c>state</c> column, kept when a record is copied from one SQL store to another; <see langword="null"/> otherwise.</param>
/// <param name="Problem">Why the record could not be read (then <paramref name="Data"/> is empty); <see langword="null"/> when it was read.</param>
public sealed record RawRecord(Id Id, string? Tag, ReadOnlyMemory<byte> Data, string? State = null, string? Problem = null);
