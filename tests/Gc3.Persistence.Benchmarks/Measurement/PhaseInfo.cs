namespace Gc3.Persistence.Benchmarks.Measurement;

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
