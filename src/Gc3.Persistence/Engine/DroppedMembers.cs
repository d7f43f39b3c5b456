using Gc3.Persistence.Schemas;

namespace Gc3.Persistence.Engine;

/// <summary>
/// The members a loaded record held that its type does not have (a newer version of the type added them, or
/// this one removed them): resolution skipped them, so the object does not hold their values, and a save
/// that writes it again writes them no more.
/// </summary>
/// <param name="SchemaHash">The schema the record was written with.</param>
/// <param name="Names">The members' names, as that schema gives them; a <c>[MemoryPackable]</c> object's as <c>Type.Member (in Member)</c>.</param>
/// <param name="Location">The place of the store the record was loaded from (<see cref="ObjectVersions.Location"/>).</param>
internal sealed record DroppedMembers(ulong SchemaHash, IReadOnlyList<string> Names, string Location)
{
    /// <summary>The names as the warning and the refusal list them: <c>'Budget', 'Owner'</c>.</summary>
    public string Listed => string.Join(", ", Names.Select(name => $"'{name}'"));

    /// <summary>The schema's hash as the warning and the refusal show it.</summary>
    public string Schema => StoredSchema.HashTextOf(SchemaHash);
}
