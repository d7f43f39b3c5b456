using System.CommandLine;

namespace Gc3.Persistence.Tool.Commands;

/// <summary><c>schema</c>: the writer schemas the store keeps, readable.</summary>
internal sealed class SchemaCommand : IToolCommand
{
    private readonly Argument<string> _store = StoreArguments.Store();
    private readonly Argument<string?> _tag = new("TAG") { Description = "only the schemas of this type tag", Arity = ArgumentArity.ZeroOrOne };

    public Command Definition => field ??= new Command("schema", "the writer schemas the store keeps, readable") { _store, _tag };

    public async Task<int> ExecuteAsync(ParseResult parsed, ToolContext context, CancellationToken cancellationToken)
    {
        var store = context.OpenStore(parsed.GetValue(_store)!);
        var decoder = await RecordDecoder.CreateAsync(store, cancellationToken).ConfigureAwait(false);
        return decoder.WriteSchemas(context, parsed.GetValue(_tag));
    }
}
