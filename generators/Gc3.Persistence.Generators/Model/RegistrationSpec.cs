namespace Gc3.Persistence.Generators.Model;

/// <summary>What one persistable type adds to the assembly's registration.</summary>
internal sealed record RegisteredTypeSpec(string FullyQualifiedName, bool IsAbstract, EquatableArray<FormatterSpec> Formatters);

/// <summary>The compilation's own name and the registration classes of the assemblies it references.</summary>
internal sealed record ReferencedRegistrationsSpec(string AssemblyName, EquatableArray<string> RegistrationTypes);
