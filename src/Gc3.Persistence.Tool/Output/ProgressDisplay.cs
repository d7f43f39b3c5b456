namespace Gc3.Persistence.Tool.Output;

/// <summary>
/// How far a long command has come, on standard error: a live bar with a rate and an estimate on a
/// terminal (<see cref="LiveProgressDisplay"/>), plain lines every few seconds otherwise
/// (<see cref="PlainProgressDisplay"/>), or nothing.
/// </summary>
internal class ProgressDisplay : IDisposable
{
    /// <summary>Shows nothing.</summary>
    public static readonly ProgressDisplay None = new();

    /// <summary>Whether the display holds the terminal (then problems are best printed after it ends).</summary>
    public virtual bool IsLive => false;

    /// <summary>Sets the count reached.</summary>
    public virtual void Report(long done)
    {
    }

    /// <summary>Ends the display: a live bar is removed, plain lines say where the command ended if they said anything.</summary>
    public virtual void Dispose()
    {
    }
}
