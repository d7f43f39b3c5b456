namespace Gc3.Persistence.Tool.Commands;

/// <summary><c>show</c>: one record as JSON, members by name, references as IDs or expanded to a depth.</summary>
internal sealed class ShowCommand() : StoreCommand("show", "one record as JSON: members by name, references as IDs or expanded to --depth")
{
    private readonly Argument<string> _id = new("ID") { Description = "the record's ID, as job.7" };
    private readonly Option<int> _depth = new("--depth") { HelpName = "N", Description = "expand references N levels deep (default 0: references as {\"$ref\": ID})", DefaultValueFactory = _ => 0 };

    protected override IEnumerable<Symbol> OwnSymbols => [_id, _depth];

    protected override void CheckArguments(ParseResult parsed)
    {
        StoreArguments.ParseId(parsed.GetValue(_id)!);
        var depth = parsed.GetValue(_depth);
        if (depth < 0)
        {
            throw new ToolException($"--depth must be 0 or more, not {depth}.", 2);
        }
    }

    protected override async Task<int> ExecuteAsync(SelectedStore store, ParseResult parsed, ToolContext context, CancellationToken cancellationToken)
    {
        var id = Id.Parse(parsed.GetValue(_id)!); // checked by CheckArguments
        var record = await store.Records.ReadRawRecordAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new ToolException($"There is no record '{id}' in {store.Uri}.");
        var decoder = await store.DecoderAsync(context, cancellationToken).ConfigureAwait(false);
        using var json = new JsonLines(context.Console, indented: !context.Json);
        await decoder.WriteAsync(json.Writer, record, parsed.GetValue(_depth), cancellationToken).ConfigureAwait(false);
        json.EndLine();
        return 0;
    }
}
