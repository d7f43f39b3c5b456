namespace Gc3.Persistence.Generators.Model;

/// <summary>A <c>[StoreColumn]</c>: its name, kind (a <c>StoreColumnKind</c> member name) and how to read it from <c>value</c>.</summary>
internal sealed record StoreColumnSpec(string ColumnName, string Kind, string MemberName, string ValueExpression);
