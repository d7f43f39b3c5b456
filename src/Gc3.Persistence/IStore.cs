namespace Gc3.Persistence;

/// <summary>
/// Saves and loads objects of <see cref="PersistableAttribute"/> types, each under an <see cref="Id"/>
/// that the store never gives out twice. Persistable objects reachable from a saved object are saved
/// as records of their own and referenced by ID; loading gives back the same graph, with shared
/// objects and cycles shared. Every method has an asynchronous twin.
/// </summary>
public interface IStore : IDisposable, IAsyncDisposable
{
    /// <summary>
    /// Saves <paramref name="obj"/> and, as separate records, the persistable objects it reaches that
    /// are new or changed: objects that are not fully change-tracked are encoded, and written only when
    /// their record differs from the one this store last wrote or read for them. Gives <paramref name="obj"/>
    /// an ID if it has none (saving it again keeps that ID) and returns it.
    /// Throws <see cref="InvalidOperationException"/>, writing nothing, when it reaches an object that
    /// belongs to another store (see <see cref="Import"/>).
    /// </summary>
    Id Save(object obj);

    /// <summary>Saves several objects as <see cref="Save"/> does, sharing one cascade; the SQL stores write them in one transaction.</summary>
    IReadOnlyList<Id> SaveMany(IEnumerable<object> objects);

    /// <summary>Loads the object saved under <paramref name="id"/>; the same instance while it is alive. Throws <see cref="LoadException"/> when it can't.</summary>
    object Load(Id id);

    /// <summary>Loads the object saved under <paramref name="id"/>, which must be a <typeparamref name="T"/>.</summary>
    T Load<T>(Id id)
        where T : class;

    /// <summary>Saves <paramref name="obj"/> under <paramref name="id"/>, replacing what was saved there.</summary>
    void Replace(Id id, object obj);

    /// <summary>
    /// Copies <paramref name="obj"/> and every persistable object it reaches into this store under the
    /// IDs they have (objects without one get a new ID), whatever store they were loaded from or saved
    /// into, overwriting what this store holds under those IDs; the store's counter moves past them.
    /// Afterwards the objects belong to this store too. <see cref="Save"/> refuses an object of another
    /// store, whose ID may name an unrelated record here.
    /// </summary>
    Id Import(object obj);

    /// <summary>
    /// Deletes the record saved under <paramref name="id"/>; nothing happens when there is none. Its ID is never given out again.
    /// Records that refer to it are not changed: loading them throws <see cref="LoadException"/>, or gives
    /// <see langword="null"/> for the reference when <see cref="StoreOptions.MissingReferences"/> says so.
    /// </summary>
    void Remove(Id id);

    /// <summary>The IDs of every record in the store, in <see cref="Id"/> order.</summary>
    IReadOnlyList<Id> List();

    /// <summary>Forgets every loaded object, so that the next load reads the store again.</summary>
    void InvalidateCache();

    /// <inheritdoc cref="Save"/>
    Task<Id> SaveAsync(object obj, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="SaveMany"/>
    Task<IReadOnlyList<Id>> SaveManyAsync(IEnumerable<object> objects, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="Load"/>
    Task<object> LoadAsync(Id id, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="Load{T}"/>
    Task<T> LoadAsync<T>(Id id, CancellationToken cancellationToken = default)
        where T : class;

    /// <inheritdoc cref="Replace"/>
    Task ReplaceAsync(Id id, object obj, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="Import"/>
    Task<Id> ImportAsync(object obj, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="Remove"/>
    Task RemoveAsync(Id id, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="List"/>
    Task<IReadOnlyList<Id>> ListAsync(CancellationToken cancellationToken = default);
}
