using Gc3.Persistence;
using JobManager.Cli;
using Microsoft.Extensions.DependencyInjection;

namespace JobManager;

/// <summary>
/// What a command works with: where to write, the store (from a service container, as an application
/// gets it), and the clock. Disposing the context disposes the container, which disposes the store.
/// </summary>
internal sealed class CommandContext(TextWriter output, TextWriter error, string storeUri, Func<DateTime> utcNow) : IDisposable
{
    /// <summary>The store when neither --store nor GC3_STORE says otherwise: an embedded SQLite file in the current directory.</summary>
    public const string DefaultStore = "sqlite://jobs.db";

    /// <summary>The environment variable that names the store when --store is absent.</summary>
    public const string StoreVariable = "GC3_STORE";

    private ServiceProvider? _services;
    private IStore? _store;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public string StoreUri { get; } = storeUri;

    /// <summary>Whether <see cref="Store"/> must exist already (commands that read): a missing one is an error, never created.</summary>
    public bool NeedsExistingStore { get; private init; }

    /// <summary>
    /// The store, registered with <c>AddPersistenceStore</c> and resolved from the container on first
    /// use (so <c>--help</c> and bad command lines open nothing). A URI no store accepts is a usage error,
    /// a store that is missing or cannot be opened is one line naming it, not a crash.
    /// </summary>
    public IStore Store => _store ??= Resolve();

    public DateTime UtcNow() => utcNow();

    /// <summary>A context for one command, with its own container.</summary>
    public CommandContext ForCommand(bool needsExistingStore) => new(Out, Error, StoreUri, utcNow) { NeedsExistingStore = needsExistingStore };

    public CommandContext WithStore(string uri) => new(Out, Error, uri, utcNow);

    public void Dispose() => _services?.Dispose();

    private IStore Resolve()
    {
        var createIfMissing = !NeedsExistingStore;
        _services ??= new ServiceCollection()
            .AddPersistenceStore(StoreUri, options => options.CreateIfMissing = createIfMissing)
            .BuildServiceProvider();
        try
        {
            return _services.GetRequiredService<IStore>();
        }
        catch (Exception thrown) when ((thrown as ArgumentException ?? (thrown as InvalidOperationException)?.InnerException) is ArgumentException e)
        {
            // A blank URI (ArgumentException), or one the registration could not open (wrapped in InvalidOperationException).
            // The message names the URI already; the registration's wording and the parameter name mean nothing to a user.
            var message = e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
            throw new UsageException($"bad --store: {message}");
        }
        catch (StoreNotFoundException e)
        {
            throw new UserErrorException($"{e.Message} Nothing was created: 'jobmanager submit' creates a store.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or StoreException)
        {
            // An unreachable database or an unwritable directory: the user's setup, not a bug.
            throw new UserErrorException($"cannot open the store '{StoreUri}': {e.Message}", e);
        }
    }
}
