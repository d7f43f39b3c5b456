using System.Diagnostics.CodeAnalysis;

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

    /// <summary>
    /// Loads the object saved under <paramref name="id"/>; the same instance while it is alive. Throws <see cref="RecordNotFoundException"/>
    /// when no record is stored under it (or under an ID it refers to), and another <see cref="LoadException"/> when a record cannot be loaded.
    /// </summary>
    object Load(Id id);

    /// <summary>Loads the object saved under <paramref name="id"/>, which must be a <typeparamref name="T"/>.</summary>
    /// <exception cref="RecordNotFoundException">No record is stored under <paramref name="id"/>, or under an ID it refers to.</exception>
    /// <exception cref="LoadException">A record is there but cannot be loaded (damaged, of another type, written by a newer version).</exception>
    T Load<T>(Id id)
        where T : class;

    /// <summary>
    /// Loads the object saved under <paramref name="id"/> as <see cref="Load{T}"/> does, or gives <see langword="false"/>
    /// when no record is stored under <paramref name="id"/>. Only absence is <see langword="false"/>: a record that is there
    /// but cannot be loaded, or one it refers to that is missing, throws as <see cref="Load{T}"/> does, so a damaged record
    /// is never taken for an absent one (and overwritten by a fresh object).
    /// </summary>
    /// <exception cref="LoadException">The record is there but cannot be loaded as a <typeparamref name="T"/>.</exception>
    bool TryLoad<T>(Id id, [NotNullWhen(true)] out T? obj)
        where T : class;

    /// <summary>
    /// Saves <paramref name="obj"/> under <paramref name="id"/>, replacing what was saved there, and gives
    /// it that ID. An object saved under another ID before leaves it: that ID keeps its record, and loading
    /// it gives another object.
    /// </summary>
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

    /// <summary>How many records the store holds.</summary>
    long Count();

    /// <summary>
    /// The IDs of the records saved under the type tag <paramref name="tag"/> (<see cref="PersistableAttribute.Tag"/>,
    /// by default the class's full name), in <see cref="Id"/> order. A tag is the record's type, whatever its ID prefix.
    /// </summary>
    IReadOnlyList<Id> List(string tag);

    /// <summary>
    /// The IDs of the records of <typeparamref name="T"/> and of every persistable type deriving from it (or
    /// implementing it), by their type tags, in <see cref="Id"/> order. The SQL stores read the indexed <c>tag</c>
    /// column; the file store reads each record, whose header names its tag, and leaves out one it cannot read, with a warning.
    /// </summary>
    /// <exception cref="ArgumentException">No persistable type is a <typeparamref name="T"/>.</exception>
    IReadOnlyList<Id> List<T>()
        where T : class;

    /// <summary>Loads the objects saved under <paramref name="ids"/>, in that order, sharing what their graphs share.</summary>
    IReadOnlyList<object> LoadMany(IEnumerable<Id> ids);

    /// <summary>Loads the objects saved under <paramref name="ids"/>, each of which must be a <typeparamref name="T"/>.</summary>
    IReadOnlyList<T> LoadMany<T>(IEnumerable<Id> ids)
        where T : class;

    /// <summary>
    /// Every object of <typeparamref name="T"/> (and its persistable subtypes), loaded one at a time as the
    /// caller consumes them: only the IDs are held, so memory stays flat however many records there are. A record
    /// removed after the listing is skipped.
    /// </summary>
    IAsyncEnumerable<T> LoadAllAsync<T>(CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>
    /// Deletes the records saved under <paramref name="ids"/>, as <see cref="Remove"/> does; the SQL stores delete
    /// them in one transaction (all or none).
    /// </summary>
    void RemoveMany(IEnumerable<Id> ids);

    /// <summary>
    /// Starts a unit of work: the saves and removes given to the returned <see cref="StoreTransaction"/> are
    /// written together by its <see cref="StoreTransaction.Commit"/>, in one transaction, all or nothing.
    /// </summary>
    /// <exception cref="NotSupportedException">The store has no such transactions (the file store).</exception>
    StoreTransaction BeginTransaction();

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

    /// <summary>
    /// Loads the object saved under <paramref name="id"/> as <see cref="LoadAsync{T}"/> does, or gives <see langword="null"/>
    /// when no record is stored under <paramref name="id"/>; as <see cref="TryLoad{T}"/>, only absence is <see langword="null"/>.
    /// </summary>
    /// <exception cref="LoadException">The record is there but cannot be loaded as a <typeparamref name="T"/>.</exception>
    Task<T?> TryLoadAsync<T>(Id id, CancellationToken cancellationToken = default)
        where T : class;

    /// <inheritdoc cref="Replace"/>
    Task ReplaceAsync(Id id, object obj, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="Import"/>
    Task<Id> ImportAsync(object obj, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="Remove"/>
    Task RemoveAsync(Id id, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="List()"/>
    Task<IReadOnlyList<Id>> ListAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc cref="Count"/>
    Task<long> CountAsync(CancellationToken cancellationToken = default);

    /// <inheritdoc cref="List(string)"/>
    Task<IReadOnlyList<Id>> ListAsync(string tag, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="List{T}"/>
    Task<IReadOnlyList<Id>> ListAsync<T>(CancellationToken cancellationToken = default)
        where T : class;

    /// <inheritdoc cref="LoadMany(IEnumerable{Id})"/>
    Task<IReadOnlyList<object>> LoadManyAsync(IEnumerable<Id> ids, CancellationToken cancellationToken = default);

    /// <inheritdoc cref="LoadMany{T}(IEnumerable{Id})"/>
    Task<IReadOnlyList<T>> LoadManyAsync<T>(IEnumerable<Id> ids, CancellationToken cancellationToken = default)
        where T : class;

    /// <inheritdoc cref="RemoveMany"/>
    Task RemoveManyAsync(IEnumerable<Id> ids, CancellationToken cancellationToken = default);
}
