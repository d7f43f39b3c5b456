namespace Gc3.Persistence.Generators.Model;

/// <summary>A <c>[StoreColumn]</c>: its name, kind (a <c>StoreColumnKind</c> member name), the member it reads and how it converts that member's value.</summary>
/// <param name="IsNullable">Whether the member is a <see cref="System.Nullable{T}"/>, whose null stays null in the column.</param>
internal sealed record StoreColumnSpec(string ColumnName, string Kind, string MemberName, ColumnConversion Conversion, bool IsNullable);
