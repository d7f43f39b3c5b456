namespace Gc3.Persistence.Sql;

/// <summary>The text of a statement and its parameters, in the order the store binds them.</summary>
/// <param name="Text">The SQL.</param>
/// <param name="Parameters">Each parameter's name (with '@') and type.</param>
internal sealed record SqlStatement(string Text, IReadOnlyList<(string Name, DbType Type)> Parameters);
