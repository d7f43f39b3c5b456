namespace Gc3.Persistence.Records;

/// <summary>
/// The records of a store as bytes, without the application's types: what tools that list, check,
/// dump or copy a store stand on (the <c>gc3p</c> command, <see cref="StoreCopy"/>). Every store of
/// this library implements it (<see cref="Engine.StoreBase"/>). Records are the bytes of
/// <see cref="RecordFormat"/>; nothing here decodes a body.
/// </summary>
public interface IRecordStore
{
    /// <summary>How many records the store holds.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Every record's ID, type tag, size and (SQL stores) <c>state</c> column, in <see cref="Id"/> order,
    /// streamed: the store reads a page of rows (SQL) or one record header (file store) at a time.
    /// A file store reads only the header of each record for its tag; a record whose header is
    /// damaged is listed with a <see langword="null"/> <see cref="RecordInfo.Tag"/>.
    /// </summary>
    /// <param name="tag">Only the records of this type tag; <see langword="null"/> for all.</param>
    /// <param name="prefix">Only the records whose ID has this prefix; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    IAsyncEnumerable<RecordInfo> ListRecordInfoAsync(string? tag = null, string? prefix = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every record with its bytes, in <see cref="Id"/> order, streamed. The bytes are handed over as
    /// stored, not checked (a damaged record comes back as it is, for a checker to report); a record
    /// that cannot be read at all (too large, an I/O error) comes back with <see cref="RawRecord.Problem"/> set.
    /// </summary>
    /// <param name="tag">Only the records of this type tag; <see langword="null"/> for all.</param>
    /// <param name="prefix">Only the records whose ID has this prefix; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    IAsyncEnumerable<RawRecord> ReadRawRecordsAsync(string? tag = null, string? prefix = null, CancellationToken cancellationToken = default);

    /// <summary>The bytes of one record as stored, not checked; <see langword="null"/> when there is no record under <paramref name="id"/>.</summary>
    /// <exception cref="LoadException">The record cannot be read (larger than <see cref="StoreOptions.MaxRecordBytes"/>, an I/O error).</exception>
    Task<RawRecord?> ReadRawRecordAsync(Id id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes records as they are, each under its <see cref="RawRecord.Id"/>: each must be a whole
    /// record (framing and checksum correct) and, in format version 2, name that ID. A record already
    /// stored under the ID with the same bytes is left as it is (so a copy run again after an
    /// interruption goes on where it stopped); different bytes under the ID are a
    /// <see cref="RecordClashException"/>, and nothing is overwritten. The ID counter is moved past
    /// every number written, so the store never gives those IDs to new objects. The SQL stores write
    /// the records of one call in one transaction; the file store puts each record in place in one step.
    /// </summary>
    /// <returns>How many records were written (the others were already there).</returns>
    /// <exception cref="LoadException">A record is not a valid record, or names another ID.</exception>
    /// <exception cref="RecordClashException">The store holds different bytes under one of the IDs.</exception>
    /// <exception cref="NotSupportedException">The store cannot write raw records.</exception>
    Task<int> WriteRawRecordsAsync(IReadOnlyList<RawRecord> records, CancellationToken cancellationToken = default);

    /// <summary>
    /// What an ID counter holds when it can give no more IDs (<see cref="long.MaxValue"/>): the largest ID number a store
    /// gives is one less, so that the counter never has to hold a number past it. <see cref="ReadIdCounterAsync"/> and
    /// <see cref="MoveIdCounterPastAsync"/> return it for a store holding a record under the largest number (forged, or
    /// copied from a store that held one), where saving a new object fails.
    /// </summary>
    const long NoIdLeft = long.MaxValue;

    /// <summary>The next number the store's ID counter gives (it never gives a number below it); <see cref="NoIdLeft"/> when it gives none.</summary>
    /// <exception cref="NotSupportedException">The store keeps no counter it can read.</exception>
    Task<long> ReadIdCounterAsync(CancellationToken cancellationToken = default);

    /// <summary>Makes sure the ID counter never gives <paramref name="seqNo"/> or a number below it; returns the next number it gives.</summary>
    /// <exception cref="NotSupportedException">The store keeps no counter it can move.</exception>
    Task<long> MoveIdCounterPastAsync(long seqNo, CancellationToken cancellationToken = default);
}
