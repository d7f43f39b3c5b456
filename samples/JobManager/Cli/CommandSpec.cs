namespace JobManager.Cli;

/// <summary>What a command is called, what it takes, and its help text.</summary>
internal sealed record CommandSpec(string Name, string Arguments, string Summary, int MinPositionals, int MaxPositionals, IReadOnlyList<OptionSpec> Options)
{
    public string Synopsis => $"jobmanager {Name}{(Arguments.Length > 0 ? " " + Arguments : "")}";

    public OptionSpec? Find(string name) => Options.FirstOrDefault(o => o.Name == name) ?? (name == OptionSpec.Store.Name ? OptionSpec.Store : null);
}
