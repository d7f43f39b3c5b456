namespace Gc3.Persistence.Tool.Commands;

/// <summary>
/// A command on one store, declared one way: its name and help, the <c>STORE</c> argument first, then
/// <c>--tag</c> and <c>--prefix</c> where it reads a selection of the records, then its own arguments and
/// options (<see cref="OwnSymbols"/>). It runs with the store open (<see cref="SelectedStore"/>), after
/// <see cref="CheckArguments"/> has refused a malformed argument without touching the store.
/// </summary>
internal abstract class StoreCommand(string name, string description, bool selects = false) : IToolCommand
{
    private readonly Argument<string> _store = StoreArguments.Store();
    private readonly Option<string?>? _tag = selects ? StoreArguments.Tag() : null;
    private readonly Option<string?>? _prefix = selects ? StoreArguments.Prefix() : null;

    public Command Definition => field ??= Declare();

    /// <summary>The command's own arguments and options, after <c>STORE</c>.</summary>
    protected virtual IEnumerable<Symbol> OwnSymbols => [];

    public async Task<int> ExecuteAsync(ParseResult parsed, ToolContext context, CancellationToken cancellationToken)
    {
        CheckArguments(parsed);
        var uri = parsed.GetValue(_store)!;
        var store = new SelectedStore(uri, context.OpenStore(uri), _tag is null ? null : parsed.GetValue(_tag), _prefix is null ? null : parsed.GetValue(_prefix));
        return await ExecuteAsync(store, parsed, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses a malformed argument (a <see cref="ToolException"/> with exit code 2) before the store is opened.</summary>
    protected virtual void CheckArguments(ParseResult parsed)
    {
    }

    /// <summary>Runs the command on the open store; returns the exit code.</summary>
    protected abstract Task<int> ExecuteAsync(SelectedStore store, ParseResult parsed, ToolContext context, CancellationToken cancellationToken);

    private Command Declare()
    {
        var command = new Command(name, description) { _store };
        foreach (var symbol in new Symbol?[] { _tag, _prefix }.Concat(OwnSymbols))
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Option option:
                    command.Options.Add(option);
                    break;
            }
        }

        return command;
    }
}
