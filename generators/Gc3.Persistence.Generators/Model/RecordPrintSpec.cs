namespace Gc3.Persistence.Generators.Model;

/// <summary>
/// For a record: the public members its <c>PrintMembers</c> (and so <c>ToString</c>) shows, in declaration order,
/// which the generated <c>PrintMembers</c> writes as the compiler would, without the generated <c>PersistentId</c>
/// and <c>Changed</c>; and whether its base type is a record (then it overrides the base's).
/// </summary>
internal sealed record RecordPrintSpec(EquatableArray<string> Members, bool BaseIsRecord);
