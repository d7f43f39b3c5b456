namespace Gc3.Persistence.Schemas;

/// <summary>A stored value no resolution rule converts to its member's declared shape (a null into a non-nullable member, an enum name the enum lost, an inexact number).</summary>
internal sealed class SchemaConversionException(string message) : Exception(message);
