namespace Gc3.Persistence.Generators.Model;

/// <summary>One member of a schema: its C# name, the key its value is stored under, and its shape string (<c>list&lt;string&gt;</c>).</summary>
internal sealed record SchemaMemberSpec(string Name, uint Key, string Shape);
