using Gc3.Persistence.Schemas;

namespace Gc3.Persistence.Benchmarks.Subjects;

/// <summary>
/// What the load path's schema-hash comparison costs the common case (<c>--schema-check</c>; issue 15 §3 asks
/// for 5% at most in phase B). A store's cold loads are timed in pairs on the same records: one with the
/// comparison on (samples of the store), one with it off (samples of the store's <see cref="Suffix"/> twin, every
/// record read as if written with its reader's schema, as before issue 15), in turn and in the opposite order
/// every other pair. Twins that each saved and loaded a store of their own differed by up to 8% with the
/// comparison on in both (an A/A run on SQLite): two files, two places on the disk, two page-cache histories.
/// </summary>
public static class SchemaCheckPairs
{
    /// <summary>The suffix of the twin's name (the loads without the comparison) after the store's.</summary>
    public const string Suffix = "-nocheck";

    /// <summary>Pairs of cold loads per repetition.</summary>
    public const int PerRepetition = 5;

    /// <summary>The stores measured this way.</summary>
    public static readonly IReadOnlyList<string> Stores = ["memory", "file", "file-fsync", "sqlite", "sqlite-many", "postgres", "postgres-many"];

    /// <summary>
    /// Runs <paramref name="load"/> (one timed cold load of every job) once untimed, then <see cref="PerRepetition"/>
    /// times with the comparison on and as often with it off, in turn; returns the last result with it on.
    /// </summary>
    public static T Load<T>(PhaseTimer timer, Func<T> load)
    {
        var store = timer.Subject;
        var recording = timer.Recording;
        var last = default(T);
        try
        {
            // The first read of records just written is slower than any after it (75-80% of their rate on SQLite):
            // untimed, so that neither side always gets it.
            timer.Recording = false;
            load();
            timer.Recording = recording;
            for (var pair = 0; pair < PerRepetition; pair++)
            {
                foreach (var check in pair % 2 == 0 ? new[] { false, true } : [true, false])
                {
                    SchemaResolution.CheckHashes = check;
                    timer.Subject = check ? store : store + Suffix;
                    var loaded = load();
                    if (check)
                    {
                        last = loaded;
                    }
                }
            }
        }
        finally
        {
            SchemaResolution.CheckHashes = true;
            timer.Subject = store;
            timer.Recording = recording;
        }

        return last!;
    }
}
