namespace Gc3.Persistence.Benchmarks.Measurement;

/// <summary>What a figure measures: the phases of WORKLOAD.md, and the size of what phase C left behind.</summary>
public enum Phase
{
    /// <summary>A: save each new job with its own call (or all in one <c>SaveMany</c> for the batch subjects).</summary>
    SaveNew,

    /// <summary>B: with an empty identity cache, load each job by ID (its executable resolved to an object).</summary>
    LoadCold,

    /// <summary>C: change each loaded job's state and save it again under its ID.</summary>
    Replace,

    /// <summary>D: list every ID.</summary>
    List,

    /// <summary>E, first half: save a collection of 1,000 new jobs (each its own record).</summary>
    CollectionSave,

    /// <summary>E, second half: with an empty identity cache, load the collection and read every job's executable path.</summary>
    CollectionLoad,

    /// <summary>Bytes on disk (or in memory) after C.</summary>
    Bytes,
}

/// <summary>How each phase is named, selected and shown.</summary>
public static class PhaseInfo
{
    /// <summary>The phases in the order they run and are printed.</summary>
    public static IReadOnlyList<Phase> All { get; } = Enum.GetValues<Phase>();

    /// <summary>The label in the table, such as <c>A save-new</c>.</summary>
    public static string Label(Phase phase) => phase switch
    {
        Phase.SaveNew => "A save-new",
        Phase.LoadCold => "B load-cold",
        Phase.Replace => "C replace",
        Phase.List => "D list",
        Phase.CollectionSave => "E collection save",
        Phase.CollectionLoad => "E collection load",
        Phase.Bytes => "bytes after C",
        _ => phase.ToString(),
    };

    /// <summary>The letter <c>--phases</c> selects it by (both halves of E are <c>E</c>; the size comes with C).</summary>
    public static char Letter(Phase phase) => phase switch
    {
        Phase.SaveNew => 'A',
        Phase.LoadCold => 'B',
        Phase.Replace or Phase.Bytes => 'C',
        Phase.List => 'D',
        _ => 'E',
    };

    /// <summary>Whether the phase is shown as a duration (D, as WORKLOAD.md asks) rather than operations per second.</summary>
    public static bool ShownAsDuration(Phase phase) => phase == Phase.List;
}
