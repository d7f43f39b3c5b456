namespace Gc3.Persistence.Generators.Schemas;

/// <summary>One schema of the lock: its model, its exact text and its offset in the lock file.</summary>
internal sealed class LockedEntry(SchemaModel model, string text, int start)
{
    public SchemaModel Model { get; } = model;

    public string Text { get; } = text;

    public int Start { get; } = start;
}
