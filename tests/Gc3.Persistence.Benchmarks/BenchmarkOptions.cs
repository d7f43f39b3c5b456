namespace Gc3.Persistence.Benchmarks;

/// <summary>The command line of the workload runner.</summary>
public sealed class BenchmarkOptions
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        Gc3.Persistence benchmarks: the jobs-v1 workload (shared/bench/WORKLOAD.md) on this library's stores
        and on reference points built from plain parts, measured in one process and printed as one table.

        dotnet run -c Release --project tests/Gc3.Persistence.Benchmarks -- [options]
          --n N              jobs in phases A-D (default 10000)
          --phases LIST      phases to report, letters A-E, e.g. A,B,C (default all; C also reports bytes)
          --stores LIST      subjects to run, e.g. file,sqlite (their reference points are added);
                             default: every subject available in this build. See --list.
          --repetitions R    run everything R times, interleaved, and report medians (default 3)
          --quick            N=200, one repetition, no warm-up: proves it runs (for CI; never timed)
          --telemetry        also run each store asked for (default: file) with listeners that sample every
                             span and take every measurement ("file+telemetry"), next to the same
                             store without listeners, so telemetry on and off compare in one run
          --schema-check     phase B of each store as pairs of cold loads of the same records, the load
                             path's schema-hash comparison on and off ("file-nocheck") in turn, so it
                             shows what resolution (issue 15) costs records of the reader's own schema
          --postgres URI     also measure the PostgreSQL store on this server
          --sqlite-sync LVL  synchronous level of the raw SQLite reference (default: the SQLite store's)
          --dir PATH         where the stores are written (default: a new folder in the temp folder)
          --scaling          the scaling run instead: save/load/list at N = 1,000, 10,000, 100,000
                             and List on 1,000,000 SQLite records (long)
          --scaling-n LIST   the sizes of the scaling run (default 1000,10000,100000)
          --list-n N         records for the SQLite List run of --scaling (default 1000000; 0 skips it)
          --tree             phase F, "tree", instead: a collection of N jobs with Parent back-pointers;
                             each save changes one job: records written per save and time per save
                             beside the serializer encoding the same objects + one raw write (file, SQLite)
          --tree-n LIST      the collection sizes of --tree (default 2000,20000)
          --tree-saves S     saves per size of --tree (default 100)
          --tool             the gc3p figures instead: copy file -> SQLite against raw SQLite inserts of the
                             same bytes in one transaction, verify of a file store against a raw read of its
                             files (--tool-n jobs-v1 records), and gc3p dump's peak memory at each --dump-n
          --tool-n N         records of the --tool copy and verify runs (default 100000)
          --dump-n LIST      store sizes of the --tool dump memory run (default 10000,1000000; 0 skips it)
          --samples          also print every sample behind the medians, in the order taken
          --list             list the subjects and exit
        dotnet run -c Release --project tests/Gc3.Persistence.Benchmarks -- micro [BenchmarkDotNet options]
                             the BenchmarkDotNet micro-benchmarks (e.g. micro --filter '*' --job short)
        """;

    /// <summary>Jobs in phases A-D.</summary>
    public int N { get; private set; } = 10_000;

    /// <summary>Phase letters to report.</summary>
    public HashSet<char> Phases { get; private set; } = ['A', 'B', 'C', 'D', 'E'];

    /// <summary>Subjects asked for; empty for all.</summary>
    public List<string> Stores { get; } = [];

    /// <summary>Repetitions whose medians are reported.</summary>
    public int Repetitions { get; private set; } = 3;

    /// <summary>Whether this is the quick run for CI.</summary>
    public bool Quick { get; private set; }

    /// <summary>Whether to add the telemetry-on twins of the stores (<c>--telemetry</c>).</summary>
    public bool Telemetry { get; private set; }

    /// <summary>Whether phase B times the stores' cold loads in pairs, schema-hash comparison on and off (<c>--schema-check</c>).</summary>
    public bool SchemaCheck { get; private set; }

    /// <summary>A PostgreSQL server URI, or <see langword="null"/>.</summary>
    public string? Postgres { get; private set; }

    /// <summary>The synchronous level of the raw SQLite reference, or <see langword="null"/> for the SQLite store's.</summary>
    public string? SqliteSynchronous { get; private set; }

    /// <summary>Where the stores are written, or <see langword="null"/> for a temporary folder.</summary>
    public string? Directory { get; private set; }

    /// <summary>Whether to run the scaling benchmark.</summary>
    public bool Scaling { get; private set; }

    /// <summary>The sizes of the scaling run.</summary>
    public List<int> ScalingSizes { get; private set; } = [1_000, 10_000, 100_000];

    /// <summary>Records of the SQLite List run of the scaling benchmark.</summary>
    public int ListRecords { get; private set; } = 1_000_000;

    /// <summary>Whether to run phase F, the tree (<c>--tree</c>).</summary>
    public bool Tree { get; private set; }

    /// <summary>The collection sizes of phase F.</summary>
    public List<int> TreeSizes { get; private set; } = [2_000, 20_000];

    /// <summary>Whether to run the gc3p figures (<c>--tool</c>).</summary>
    public bool Tool { get; private set; }

    /// <summary>Records of the gc3p copy and verify runs.</summary>
    public int ToolN { get; private set; } = 100_000;

    /// <summary>Store sizes of the gc3p dump memory run.</summary>
    public List<int> DumpSizes { get; private set; } = [10_000, 1_000_000];

    /// <summary>Saves per size in phase F.</summary>
    public int TreeSaves { get; private set; } = 100;

    /// <summary>Whether to print every sample behind the medians (<c>--samples</c>).</summary>
    public bool PrintSamples { get; private set; }

    /// <summary>Whether to list the subjects and exit.</summary>
    public bool ListSubjects { get; private set; }

    /// <summary>Whether to print the usage and exit.</summary>
    public bool Help { get; private set; }

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions();
        var nGiven = false;
        var repetitionsGiven = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            switch (arg)
            {
                case "--n":
                    options.N = PositiveInt(arg, Value());
                    nGiven = true;
                    break;
                case "--phases":
                    options.Phases = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => PhaseLetter(p))];
                    break;
                case "--stores":
                    options.Stores.AddRange(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--repetitions":
                    options.Repetitions = PositiveInt(arg, Value());
                    repetitionsGiven = true;
                    break;
                case "--quick":
                    options.Quick = true;
                    break;
                case "--telemetry":
                    options.Telemetry = true;
                    break;
                case "--schema-check":
                    options.SchemaCheck = true;
                    break;
                case "--postgres":
                    options.Postgres = Value();
                    break;
                case "--sqlite-sync":
                    var level = Value().ToUpperInvariant();
                    options.SqliteSynchronous = level is "OFF" or "NORMAL" or "FULL" or "EXTRA"
                        ? level
                        : throw new ArgumentException("--sqlite-sync takes OFF, NORMAL, FULL or EXTRA.");
                    break;
                case "--dir":
                    options.Directory = Value();
                    break;
                case "--scaling":
                    options.Scaling = true;
                    break;
                case "--scaling-n":
                    options.ScalingSizes = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => PositiveInt(arg, v))];
                    break;
                case "--list-n":
                    options.ListRecords = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var records)
                        ? records
                        : throw new ArgumentException("--list-n takes a number (0 skips the List run).");
                    break;
                case "--tree":
                    options.Tree = true;
                    break;
                case "--tool":
                    options.Tool = true;
                    break;
                case "--tool-n":
                    options.ToolN = PositiveInt(arg, Value());
                    break;
                case "--dump-n":
                    var sizes = Value();
                    options.DumpSizes = sizes == "0" ? [] : [.. sizes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => PositiveInt(arg, v))];
                    break;
                case "--tree-n":
                    options.TreeSizes = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => PositiveInt(arg, v))];
                    break;
                case "--tree-saves":
                    options.TreeSaves = PositiveInt(arg, Value());
                    break;
                case "--list":
                    options.ListSubjects = true;
                    break;
                case "--samples":
                    options.PrintSamples = true;
                    break;
                case "--help" or "-h" or "-?":
                    options.Help = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{arg}'.");
            }
        }

        if (options.Quick)
        {
            options.N = nGiven ? options.N : 200;
            options.Repetitions = repetitionsGiven ? options.Repetitions : 1;
            options.ScalingSizes = [200, 400];
            options.ListRecords = Math.Min(options.ListRecords, 2_000);
            options.TreeSizes = [200];
            options.TreeSaves = 10;
            options.ToolN = 200;
            options.DumpSizes = [100, 200];
        }

        return options;
    }

    private static int PositiveInt(string option, string value)
        => int.TryParse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{option} takes a positive whole number, not '{value}'.");

    private static char PhaseLetter(string value)
        => value.Length == 1 && char.ToUpperInvariant(value[0]) is >= 'A' and <= 'E' and var letter
            ? letter
            : throw new ArgumentException($"--phases takes letters A to E separated by commas, not '{value}'.");
}
