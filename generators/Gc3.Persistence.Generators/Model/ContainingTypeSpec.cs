namespace Gc3.Persistence.Generators.Model;

/// <summary>A type that contains the persistable one, outermost first: its keyword (<c>class</c>, <c>record struct</c>, ...) and name.</summary>
internal sealed record ContainingTypeSpec(string DeclarationKeyword, string Name);
