using System.ComponentModel;
using Gc3.Persistence.Serialization;
using Gc3.Persistence.Sqlite;

[assembly: PersistenceRegistration(typeof(SqliteStoreRegistration))]

namespace Gc3.Persistence.Sqlite;

/// <summary>
/// Registers the <c>sqlite</c> URI scheme with <see cref="StoreFactory"/>. The Gc3.Persistence
/// generator calls it from the module initializer of every application that references this
/// package, so <c>StoreFactory.Make("sqlite:///jobs.db")</c> works with no setup and no reflection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SqliteStoreRegistration
{
    /// <summary>Registers the scheme; calling it again does nothing more.</summary>
    public static void EnsureRegistered() => StoreFactory.Register("sqlite", SqliteStoreUri.Open);
}
