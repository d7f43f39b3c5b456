using System.CommandLine;
using Gc3.Persistence.Tool.Output;

namespace Gc3.Persistence.Tool.Commands;

/// <summary><c>show</c>: one record as JSON, members by name, references as IDs or expanded to a depth.</summary>
internal sealed class ShowCommand : IToolCommand
{
    private readonly Argument<string> _store = StoreArguments.Store();
    private readonly Argument<string> _id = new("ID") { Description = "the record's ID, as job.7" };
    private readonly Option<int> _depth = new("--depth") { HelpName = "N", Description = "expand references N levels deep (default 0: references as {\"$ref\": ID})", DefaultValueFactory = _ => 0 };

    public Command Definition => field ??= new Command("show", "one record as JSON: members by name, references as IDs or expanded to --depth") { _store, _id, _depth };

    public async Task<int> ExecuteAsync(ParseResult parsed, ToolContext context, CancellationToken cancellationToken)
    {
        var id = StoreArguments.ParseId(parsed.GetValue(_id)!);
        var depth = parsed.GetValue(_depth);
        if (depth < 0)
        {
            throw new ToolException($"--depth must be 0 or more, not {depth}.", 2);
        }

        var store = context.OpenStore(parsed.GetValue(_store)!);
        var record = await store.ReadRawRecordAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new ToolException($"There is no record '{id}' in {parsed.GetValue(_store)}.");
        var decoder = await RecordDecoder.CreateAsync(store, context.Limits.MaxNestingDepth, cancellationToken).ConfigureAwait(false);
        using var json = new JsonLines(context.Console, indented: !context.Json);
        await decoder.WriteAsync(json.Writer, record, depth, cancellationToken).ConfigureAwait(false);
        json.EndLine();
        return 0;
    }
}
