namespace JobManager.Cli;

/// <summary>
/// Hand-written parsing (no reflection-based library, so the app stays trimmable and AOT-clean):
/// <c>--name value</c>, <c>--name=value</c>, flags, and <c>--</c> to end the options.
/// </summary>
internal static class CommandLineParser
{
    /// <summary>The command name: the first argument that is neither an option nor the value of <c>--store</c>.</summary>
    public static (string? Command, List<string> Remaining) SplitCommand(IReadOnlyList<string> args)
    {
        var rest = new List<string>(args.Count);
        string? command = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (command is null && arg == OptionSpec.Store.Name && i + 1 < args.Count)
            {
                rest.Add(arg);
                rest.Add(args[++i]);
            }
            else if (command is null && !arg.StartsWith('-'))
            {
                command = arg;
            }
            else if (command is null && arg == "--")
            {
                command = i + 1 < args.Count ? args[++i] : null;
            }
            else
            {
                rest.Add(arg);
            }
        }

        return (command, rest);
    }

    public static ParsedArguments Parse(CommandSpec spec, IReadOnlyList<string> args)
    {
        var positionals = new List<string>();
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positionals.AddRange(args.Skip(i + 1));
                break;
            }

            if (!IsOption(arg))
            {
                positionals.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=');
            var name = equals > 0 ? arg[..equals] : arg;
            var option = spec.Find(name) ?? throw new UsageException(
                $"'{spec.Name}' has no option '{name}'. Its options: {string.Join(", ", spec.Options.Select(o => o.Name).Append(OptionSpec.Store.Name))}");
            string value;
            if (!option.TakesValue)
            {
                if (equals > 0)
                {
                    throw new UsageException($"{name} takes no value");
                }

                value = "";
            }
            else if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                // The next argument is the value even when it starts with '-' (--arg -c).
                value = args[++i];
            }
            else
            {
                throw new UsageException($"{name} needs a value ({option.ValueName})");
            }

            if (!options.TryGetValue(name, out var values))
            {
                options[name] = values = [];
            }
            else if (!option.Repeatable)
            {
                throw new UsageException($"{name} is given twice");
            }

            values.Add(value);
        }

        if (positionals.Count < spec.MinPositionals || positionals.Count > spec.MaxPositionals)
        {
            var got = positionals.Count == 0 ? "none" : string.Join(" ", positionals.Select(p => $"'{p}'"));
            throw new UsageException($"usage: {spec.Synopsis} (got {got})");
        }

        return new ParsedArguments(spec, positionals, options);
    }

    // A lone '-' and negative numbers are values, not options.
    private static bool IsOption(string arg) => arg.Length > 1 && arg[0] == '-' && !char.IsAsciiDigit(arg[1]);
}
