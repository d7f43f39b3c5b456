using Gc3.Persistence.Files;
using Gc3.Persistence.Sqlite;

namespace Gc3.Persistence.Benchmarks.Subjects;

/// <summary>
/// Every subject this build can measure, in the order a repetition runs them (each reference point
/// just before the stores compared with it). Adding a store is one <see cref="StoreSubject"/> line
/// here and its comparisons in <see cref="Measurement.Comparison.All"/>.
/// </summary>
public static class SubjectCatalog
{
    /// <summary>The synchronous level of the raw SQLite reference when none is given: the SQLite store's.</summary>
    public const string DefaultSqliteSynchronous = "NORMAL";

    /// <summary>The subjects, with the options that configure them.</summary>
    public static IReadOnlyList<Subject> Create(BenchmarkOptions options)
    {
        var synchronous = options.SqliteSynchronous ?? DefaultSqliteSynchronous;
        var postgres = options.Postgres is null ? null : new PostgresServer(options.Postgres);
        List<Subject> subjects =
        [
            new MemoryPackSubject(),
            new SystemTextJsonSubject(),
            new GeneratedSerializerSubject(),
            new StoreSubject("memory", "InMemoryStore: records in a dictionary, no I/O", _ => new InMemoryStore(), size: (_, store) => ((InMemoryStore)store).TotalBytes, inMemory: true),
            new RawFileSubject(fsync: false),
            new RawFileSubject(fsync: false, gc3Way: true),
            new StoreSubject("file", "FilesystemStore, Durable=false: temp file + rename, no fsync", directory => new FilesystemStore(directory)),
            new RawFileSubject(fsync: true),
            new StoreSubject("file-fsync", "FilesystemStore, Durable=true: temp file + fsync + rename", directory => new FilesystemStore(directory, new StoreOptions { Durable = true })),
            new RawSqliteSubject(oneTransaction: false, synchronous),
            new StoreSubject("sqlite", "SqliteStore: journal_mode=WAL, synchronous=NORMAL, one transaction per Save", OpenSqlite),
            new RawSqliteSubject(oneTransaction: true, synchronous),
            new StoreSubject("sqlite-many", "SqliteStore: journal_mode=WAL, synchronous=NORMAL, A and C in one SaveMany (one transaction)", OpenSqlite, saveMany: true),
        ];
        if (options.Telemetry)
        {
            // Right after the store it wraps, so that both run under the same conditions.
            var file = subjects.FindIndex(s => s.Name == "file");
            subjects.Insert(file + 1, new TelemetrySubject(subjects[file]));
        }

        if (postgres is not null)
        {
            subjects.Add(new StoreSubject("postgres", $"PostgresStore: {postgres.Settings}, one transaction per Save", _ => postgres.Open(), size: (_, store) => postgres.SizeOf(store), close: postgres.Drop));
            subjects.Add(new StoreSubject("postgres-many", $"PostgresStore: {postgres.Settings}, A and C in one SaveMany (one transaction)", _ => postgres.Open(), saveMany: true, size: (_, store) => postgres.SizeOf(store), close: postgres.Drop));
        }

        if (options.SchemaCheck)
        {
            foreach (var store in subjects.OfType<StoreSubject>().Where(s => SchemaCheckPairs.Stores.Contains(s.Name)))
            {
                store.LoadsInSchemaCheckPairs = true;
            }
        }

        return subjects;
    }

    private static IStore OpenSqlite(string directory) => new SqliteStore(Path.Join(directory, "store.db"));

    /// <summary>The subjects asked for by name, with the reference points they are compared with.</summary>
    public static IReadOnlyList<Subject> Select(IReadOnlyList<Subject> all, IReadOnlyCollection<string> names)
    {
        if (names.Count == 0)
        {
            return all;
        }

        var unknown = names.Where(n => all.All(s => s.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown subject(s) {string.Join(", ", unknown)}; this build has {string.Join(", ", all.Select(s => s.Name))}.");
        }

        // A store's telemetry twin (--telemetry) comes with it.
        var withTwins = names.Concat(names.Select(n => n + TelemetrySubject.Suffix).Where(n => all.Any(s => s.Name == n))).ToList();
        var wanted = withTwins.Concat(Measurement.Comparison.All.Where(c => withTwins.Contains(c.Subject)).Select(c => c.Reference)).ToHashSet();
        return [.. all.Where(s => wanted.Contains(s.Name))];
    }
}
