using System.CommandLine;
using System.Runtime.CompilerServices;
using Gc3.Persistence.Serialization;
using JobManager.Domain;

namespace JobManager.Commands;

/// <summary>
/// <c>info</c>: the store, what it holds, and how this process is set up: native or JIT, the
/// persistable types registered at start-up, and whether every MemoryPack shape the job types use
/// had its formatter registered before first use (so none is ever built by reflection).
/// </summary>
internal sealed class InfoCommand : ICommand
{
    public Command Definition { get; } = new("info", "show the store, the registered types and the runtime");

    public bool NeedsExistingStore => true;

    public int Execute(ParseResult parsed, CommandContext context)
    {
        // Checked before the store is touched: after a first use, MemoryPack counts a shape as registered either way.
        var shapes = DomainFormatters.Check();
        var missing = shapes.Where(s => !s.Registered).Select(s => s.Shape).ToList();
        var output = context.Out;
        output.WriteLine($"Runtime:     {(RuntimeFeature.IsDynamicCodeSupported ? "JIT (.NET " + Environment.Version + ")" : "Native AOT")}");
        output.WriteLine($"Types:       {string.Join(", ", PersistableRegistry.All.Select(s => s.Tag).Order(StringComparer.Ordinal))}");
        output.WriteLine(missing.Count == 0
            ? $"Formatters:  all {shapes.Count} member shapes registered at start-up ({string.Join(", ", shapes.Select(s => s.Shape))})"
            : $"Formatters:  NOT registered at start-up: {string.Join(", ", missing)}");

        var store = context.Store;
        var ids = store.List();
        var byPrefix = ids.GroupBy(id => id.Prefix).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}");
        output.WriteLine($"Store:       {store}");
        output.WriteLine($"Records:     {ids.Count}{(ids.Count > 0 ? $" ({string.Join(", ", byPrefix)})" : "")}");
        return missing.Count == 0 ? 0 : 1;
    }
}
