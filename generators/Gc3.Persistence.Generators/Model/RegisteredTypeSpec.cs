namespace Gc3.Persistence.Generators.Model;

/// <summary>What one persistable type adds to the assembly's registration.</summary>
internal sealed record RegisteredTypeSpec(string FullyQualifiedName, bool IsAbstract, EquatableArray<FormatterSpec> Formatters);
