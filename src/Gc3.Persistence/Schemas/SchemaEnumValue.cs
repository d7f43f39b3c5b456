namespace Gc3.Persistence.Schemas;

/// <summary>One member of an enum.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Value">Its number; for an enum of <c>uint64</c>, the number's bits as an <see cref="long"/>.</param>
public sealed record SchemaEnumValue(string Name, long Value);
