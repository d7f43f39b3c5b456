namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>The command line of the compile-time benchmark.</summary>
internal sealed record CompileBenchmarkOptions(int Types, int Repetitions, bool Build, string? Directory, string? Repository, bool Help, bool Steps = false)
{
    public const string Usage = """
        Compile-time benchmark (issue 12): our generator and analyzers against MemoryPack's generator on the
        same generated model types.

        usage: dotnet run --project tests/Gc3.Persistence.CompileBenchmarks [options]
          --quick            50 types, one repetition, no dotnet build (what CI runs)
          --types N          number of model types (default 1000)
          --repetitions N    measured repetitions of each figure, the median is printed (default 5)
          --no-build         skip the dotnet build timing
          --steps            also print the time of each pipeline step in the two edits (where per-edit time goes)
                             and each analyzer's Roslyn time beside its own processor time
          --dir PATH         where the two projects are written for dotnet build (default: a temporary folder)
          --repo PATH        the repository root (default: found above the program)
        """;

    public static CompileBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CompileBenchmarkOptions(1000, 5, true, null, null, false);
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--quick" => options with { Types = 50, Repetitions = 1, Build = false },
                "--types" => options with { Types = Positive(args, ++i) },
                "--repetitions" => options with { Repetitions = Positive(args, ++i) },
                "--no-build" => options with { Build = false },
                "--steps" => options with { Steps = true },
                "--dir" => options with { Directory = Value(args, ++i) },
                "--repo" => options with { Repository = Value(args, ++i) },
                "--help" or "-h" => options with { Help = true },
                var unknown => throw new ArgumentException($"unknown option '{unknown}'"),
            };
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, int i)
        => i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");

    private static int Positive(IReadOnlyList<string> args, int i)
        => int.TryParse(Value(args, i), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{args[i - 1]} needs a positive number, not '{args[i]}'");
}
