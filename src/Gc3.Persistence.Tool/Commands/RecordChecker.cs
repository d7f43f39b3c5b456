namespace Gc3.Persistence.Tool.Commands;

/// <summary>
/// The checks of <c>verify</c>, record by record (framing, checksum, the ID it names, the tag column,
/// decodable with its writer schema), then those over the whole store (every reference resolves to a record
/// of the type tag it names, the counter is above the highest ID). Only the IDs and tags are held, not the records.
/// </summary>
internal sealed class RecordChecker(IRecordStore store, RecordDecoder decoder)
{
    // Every ID listed, with the type tag its record's header names (null: the header cannot be read, a problem of its own).
    private readonly Dictionary<string, string?> _tags = new(StringComparer.Ordinal);
    private readonly List<(string From, string To, string Tag)> _pending = [];
    private readonly List<KeyValuePair<string, string>> _references = [];
    private Id? _highest;

    /// <summary>The next number the store's counter gives, once <see cref="FinishAsync"/> has read it.</summary>
    public long? NextIdNumber { get; private set; }

    /// <summary>The problems of one record; none when it is sound.</summary>
    public List<string> Check(RawRecord record)
    {
        var problems = new List<string>();
        var id = record.Id.ToString();
        _tags[id] = null;
        if (_highest is null || record.Id.SeqNo > _highest.SeqNo)
        {
            _highest = record.Id;
        }

        if (record.Problem is not null)
        {
            problems.Add(record.Problem);
            return problems;
        }

        try
        {
            var span = record.Data.Span;
            var named = RecordFormat.ReadId(record.Id, span, out _);
            if (named is not null && !named.Equals(record.Id))
            {
                problems.Add($"the record names the ID '{named}': it was copied or moved here from another ID");
            }

            var tag = RecordFormat.ReadHeader(record.Id, span, out _);
            _tags[id] = tag;
            if (record.Tag is not null && !string.Equals(tag, record.Tag, StringComparison.Ordinal))
            {
                problems.Add($"the store's tag column says '{record.Tag}', but the record's header names '{tag}'");
            }
        }
        catch (LoadException e)
        {
            problems.Add(e.Reason);
            return problems; // what follows would report the same damage again
        }

        try
        {
            _references.Clear();
            decoder.Check(record, _references);
            foreach (var (to, tag) in _references)
            {
                if (!_tags.TryGetValue(to, out var actual))
                {
                    _pending.Add((id, to, tag)); // may come later in the listing: checked at the end
                }
                else if (Retyped(to, tag, actual) is { } problem && !problems.Contains(problem))
                {
                    problems.Add(problem);
                }
            }
        }
        catch (LoadException e)
        {
            problems.Add(e.Reason);
        }

        return problems;
    }

    /// <summary>
    /// The problems found over the whole store: references to records that do not exist or are of another type tag than
    /// the reference names, a counter not above the highest ID.
    /// </summary>
    public async Task<List<(string Id, string Problem)>> FinishAsync(CancellationToken cancellationToken)
    {
        var problems = new List<(string, string)>();
        foreach (var (from, to, tag) in _pending)
        {
            if (!_tags.TryGetValue(to, out var actual))
            {
                problems.Add((from, $"references '{to}', which is not in the store (a dangling reference: loading it fails unless missing references load as null)"));
            }
            else if (Retyped(to, tag, actual) is { } problem && !problems.Contains((from, problem)))
            {
                problems.Add((from, problem));
            }
        }

        try
        {
            NextIdNumber = await store.ReadIdCounterAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NotSupportedException)
        {
            return problems;
        }

        if (NextIdNumber == IRecordStore.NoIdLeft)
        {
            // Past the largest ID number a store gives (NoIdLeft - 1): a lost counter restarted after a record under the largest.
            problems.Add(("(counter)", string.Create(
                CultureInfo.InvariantCulture,
                $"the ID counter has no number left (it is at {IRecordStore.NoIdLeft}{(_highest is null ? "" : $"; the highest ID is '{_highest}'")}): saving a new object fails")));
        }
        else if (_highest is not null && NextIdNumber <= _highest.SeqNo)
        {
            problems.Add(("(counter)", string.Create(
                CultureInfo.InvariantCulture,
                $"the ID counter gives {NextIdNumber} next, but '{_highest}' exists: new objects would get the IDs of stored ones (run 'gc3p copy' or save with a given ID past {_highest.SeqNo} to move it)")));
        }

        return problems;
    }

    // A load refuses a referenced record of another tag than the reference names (replaced by another type, or forged).
    private static string? Retyped(string to, string tag, string? actual)
        => actual is not null && !string.Equals(tag, actual, StringComparison.Ordinal)
            ? $"refers to '{to}' as a '{tag}', but that record is a '{actual}' (loading it fails)"
            : null;
}
