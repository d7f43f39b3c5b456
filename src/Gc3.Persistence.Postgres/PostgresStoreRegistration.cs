using System.ComponentModel;
using Gc3.Persistence.Postgres;
using Gc3.Persistence.Serialization;

[assembly: PersistenceRegistration(typeof(PostgresStoreRegistration))]

namespace Gc3.Persistence.Postgres;

/// <summary>
/// Registers the <c>postgresql</c> and <c>postgres</c> URI schemes with <see cref="StoreFactory"/>
/// (<c>postgresql+npgsql</c> falls back to <c>postgresql</c>). The Gc3.Persistence generator calls it
/// from the module initializer of every application that references this package, so
/// <c>StoreFactory.Make("postgresql://...")</c> works with no setup and no reflection.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PostgresStoreRegistration
{
    /// <summary>Registers the schemes; calling it again does nothing more.</summary>
    public static void EnsureRegistered()
    {
        StoreFactory.Register("postgresql", PostgresStoreUri.Open);
        StoreFactory.Register("postgres", PostgresStoreUri.Open);
    }
}
