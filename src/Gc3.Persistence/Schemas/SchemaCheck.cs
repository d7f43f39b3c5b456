namespace Gc3.Persistence.Schemas;

/// <summary>
/// What a <see cref="SchemaWalker"/> walk that writes no JSON does beyond skipping values: it checks every
/// value as the walk that writes JSON does (so both find the same damage), and collects the IDs the
/// record's references name.
/// </summary>
/// <param name="references">Where the ID of each reference goes (as <c>"prefix.number"</c>); <see langword="null"/> to drop them.</param>
/// <param name="taggedReferences">Where the ID of each reference goes with the type tag it names; <see langword="null"/> to drop them.</param>
internal sealed class SchemaCheck(ICollection<string>? references, ICollection<KeyValuePair<string, string>>? taggedReferences = null)
{
    /// <summary>Where the ID of each reference goes; <see langword="null"/> to drop them.</summary>
    public ICollection<string>? References { get; } = references;

    /// <summary>Where the ID of each reference goes with the type tag it names; <see langword="null"/> to drop them.</summary>
    public ICollection<KeyValuePair<string, string>>? TaggedReferences { get; } = taggedReferences;
}
