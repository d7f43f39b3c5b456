namespace Gc3.Persistence.Generators.Model;

/// <summary>The compilation's own name and the registration classes of the assemblies it references.</summary>
internal sealed record ReferencedRegistrationsSpec(string AssemblyName, EquatableArray<string> RegistrationTypes);
