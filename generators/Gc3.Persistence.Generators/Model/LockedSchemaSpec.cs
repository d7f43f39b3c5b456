namespace Gc3.Persistence.Generators.Model;

/// <summary>One concrete type's tag and schema document, for the schema lock's text.</summary>
internal sealed record LockedSchemaSpec(string Tag, string Document);
