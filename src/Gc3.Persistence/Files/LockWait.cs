using System.Diagnostics;
using System.Globalization;

namespace Gc3.Persistence.Files;

/// <summary>
/// A wait of the file store for a lock another process holds (the write lock, the ID counter, a commit's journal),
/// bounded by <see cref="StoreOptions.LockTimeout"/>, and the error it ends in when the holder does not let go.
/// </summary>
/// <remarks>
/// A struct over the monotonic clock: no allocation on a save's path, no wait cut short or drawn out when the
/// system's clock is set, and no overflow for a long or infinite timeout.
/// </remarks>
internal readonly struct LockWait
{
    private readonly long _started;
    private readonly TimeSpan _timeout;

    private LockWait(TimeSpan timeout)
    {
        _started = Stopwatch.GetTimestamp();
        _timeout = timeout;
    }

    /// <summary>Starts a wait of at most <paramref name="timeout"/> (<see cref="Timeout.InfiniteTimeSpan"/>: without end).</summary>
    public static LockWait Start(TimeSpan timeout) => new(timeout);

    /// <summary>Whether the wait has lasted its timeout.</summary>
    public bool Expired => _timeout != Timeout.InfiniteTimeSpan && Stopwatch.GetElapsedTime(_started) >= _timeout;

    /// <summary>
    /// The error of a wait for <paramref name="path"/> (what the store keeps there: <paramref name="role"/>) that lasted
    /// <paramref name="timeout"/>: a <see cref="StoreException"/> (as a SQL store's lock wait is) saying what was not done
    /// (<paramref name="outcome"/>) and what to do, around an <see cref="IOException"/> that names the file (the system's
    /// own, <paramref name="cause"/>, where it refused the file rather than said it is locked).
    /// </summary>
    public static StoreException TimedOut(string path, string role, TimeSpan timeout, string outcome, IOException? cause = null)
        => new($"{Held(path, role, timeout)}: {outcome}. {Advice(path)}.", cause ?? new IOException($"{Held(path, role, timeout)}."));

    /// <summary>The message of <see cref="TimedOut"/> as an <see cref="IOException"/>, for a load, which the store reports as a <see cref="LoadException"/> around it.</summary>
    public static IOException TimedOutReading(string path, string role, TimeSpan timeout, string outcome)
        => new($"{Held(path, role, timeout)}: {outcome}. {Advice(path)}.");

    /// <summary>How a timeout reads in a message: "2 s", "0.5 s", "90 s".</summary>
    public static string Describe(TimeSpan timeout) => timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static string Held(string path, string role, TimeSpan timeout)
        => $"Another process (or another store of this directory) has held {role} '{path}' for over {Describe(timeout)}, the time StoreOptions.LockTimeout allows";

    private static string Advice(string path)
        => $"A process stopped (not killed) while it held the lock, such as one paused in a debugger or by SIGSTOP, holds it until it goes on: "
            + $"resume or end it (`lslocks` or `fuser '{path}'` names it), then try again, or wait longer with a larger StoreOptions.LockTimeout";
}
