namespace Gc3.Persistence.Records;

/// <summary>One record as <see cref="IRecordStore.ListRecordInfoAsync"/> lists it.</summary>
/// <param name="Id">The ID the record is stored under.</param>
/// <param name="Tag">The type tag (the SQL stores' <c>tag</c> column; the record header's in a file store); <see langword="null"/> when the header is damaged.</param>
/// <param name="Length">The record's size in bytes.</param>
/// <param name="State">The SQL stores' <c>state</c> column; <see langword="null"/> in a file store or when the column is empty.</param>
/// <param name="SchemaHash">The hash of the writer schema the record's header names; 0 for none (a record of format version 1, or a damaged header).</param>
public sealed record RecordInfo(Id Id, string? Tag, long Length, string? State, ulong SchemaHash = 0);
