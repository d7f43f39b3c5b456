using Spectre.Console;
using Spectre.Console.Rendering;

namespace Gc3.Persistence.Tool.Output;

/// <summary>A progress column with the records per second.</summary>
internal sealed class RateColumn : ProgressColumn
{
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
        => new Text(task.Speed is { } speed ? string.Create(CultureInfo.InvariantCulture, $"{speed:N0} records/s") : "-", new Style(Color.Grey));
}
