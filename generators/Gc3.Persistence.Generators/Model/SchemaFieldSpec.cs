namespace Gc3.Persistence.Generators.Model;

/// <summary>A pair inside a schema type: an enum member's name and value (decimal text), or an object member's name and shape.</summary>
internal sealed record SchemaFieldSpec(string Name, string Value);
