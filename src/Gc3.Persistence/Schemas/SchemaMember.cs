namespace Gc3.Persistence.Schemas;

/// <summary>One member a record of a <see cref="SchemaDocument"/>'s type holds.</summary>
/// <param name="Name">The C# name of the member.</param>
/// <param name="Key">The member key the record stores it under (from the name, <c>[PersistName]</c> or <c>[PersistOrder]</c>).</param>
/// <param name="Shape">The member's declared shape.</param>
public sealed record SchemaMember(string Name, uint Key, SchemaShape Shape);
