namespace Gc3.Persistence.Engine;

/// <summary>
/// The sync API's side of the stores' one code path: a method called with <c>async</c> false completes
/// synchronously, so its task has finished already and waiting for it never blocks. The SQL stores
/// use it too (through InternalsVisibleTo).
/// </summary>
internal static class Synchronous
{
    /// <summary>The result of <paramref name="task"/>, started with <c>async</c> false; rethrows its exception.</summary>
    public static T Wait<T>(ValueTask<T> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();

    /// <summary>Waits for <paramref name="task"/>, started with <c>async</c> false; rethrows its exception.</summary>
    public static void Wait(ValueTask task)
    {
        if (!task.IsCompletedSuccessfully)
        {
            task.AsTask().GetAwaiter().GetResult();
        }
    }
}
