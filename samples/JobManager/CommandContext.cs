using System.Data.Common;
using Gc3.Persistence;
using JobManager.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace JobManager;

/// <summary>What a command works with: where to write, which store, and the clock.</summary>
internal sealed class CommandContext(TextWriter output, TextWriter error, string storeUri, Func<DateTime> utcNow)
{
    /// <summary>The store when neither --store nor GC3_STORE says otherwise: an embedded SQLite file in the current directory.</summary>
    public const string DefaultStore = "sqlite://jobs.db";

    /// <summary>The environment variable that names the store when --store is absent.</summary>
    public const string StoreVariable = "GC3_STORE";

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public string StoreUri { get; } = storeUri;

    public DateTime UtcNow() => utcNow();

    /// <summary>
    /// Opens the store, as an application does: registered with <c>AddPersistenceStore</c> and resolved
    /// from the container. Each command opens it once and disposes it when done, which leaves the
    /// container nothing else to dispose. A URI no store accepts is a usage error, not a crash.
    /// </summary>
    public IStore OpenStore()
    {
        try
        {
            var services = new ServiceCollection().AddPersistenceStore(StoreUri).BuildServiceProvider();
            return services.GetRequiredService<IStore>();
        }
        catch (Exception thrown) when ((thrown as ArgumentException ?? (thrown as InvalidOperationException)?.InnerException) is ArgumentException e)
        {
            // A blank URI (ArgumentException), or one the registration could not open (wrapped in InvalidOperationException).
            // The message names the URI already; the registration's wording and the parameter name mean nothing to a user.
            var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new UsageException($"bad --store: {message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DbException)
        {
            // An unreachable database or an unwritable directory: the user's setup, not a bug.
            throw new UserErrorException($"cannot open the store '{StoreUri}': {e.Message}", e);
        }
    }

    public CommandContext WithStore(string storeUri) => new(Out, Error, storeUri, utcNow);
}
