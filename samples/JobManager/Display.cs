using System.Globalization;
using JobManager.Domain;

namespace JobManager;

/// <summary>How values are shown to people: UTC times to the second, upper-case states, shell-quoted arguments.</summary>
internal static class Display
{
    public static string State(JobState state) => state.ToString().ToUpperInvariant();

    public static string Time(DateTime? time) => time is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";

    public static string Exit(Job job) => job.ExitCode is { } code ? code.ToString(CultureInfo.InvariantCulture) : "-";

    public static string Memory(long megabytes) => megabytes > 0 ? megabytes.ToString(CultureInfo.InvariantCulture) + " MB" : "-";

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Program(Job job) => job.Executable is { } exe ? Path.GetFileName(exe.Path) : "-";

    public static string CommandLine(Job job) => string.Join(" ", new[] { Program(job) }.Concat(job.Arguments).Select(Quote));

    /// <summary>Quotes an argument the way a POSIX shell would need it.</summary>
    public static string Quote(string argument)
    {
        if (argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c)))
        {
            return argument;
        }

        return "'" + argument.Replace("'", "'\\''") + "'";
    }

    public static JobState ParseState(string text)
    {
        foreach (var state in Enum.GetValues<JobState>())
        {
            if (string.Equals(state.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                return state;
            }
        }

        throw new Cli.UsageException($"'{text}' is not a job state; use one of {string.Join(", ", Enum.GetValues<JobState>().Select(State))}");
    }
}
