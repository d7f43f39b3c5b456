using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Gc3.Persistence.Tool.Tests.Infrastructure;

/// <summary>Reads and changes a store's records and counter behind the library's back (plain files, plain SQL), to damage it.</summary>
public sealed class RawStoreAccess(string store, PostgresServer server)
{
    private string Table => store.Contains("#table=", StringComparison.Ordinal) ? store[(store.IndexOf("#table=", StringComparison.Ordinal) + 7)..] : "store";

    public byte[] Read(string id)
    {
        if (!store.Contains("://", StringComparison.Ordinal))
        {
            return File.ReadAllBytes(Path.Combine(store, id));
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT data FROM \"{Table}\" WHERE id = @id";
        AddParameter(command, "@id", id);
        return (byte[])command.ExecuteScalar()!;
    }

    public void Write(string id, byte[] data)
    {
        if (!store.Contains("://", StringComparison.Ordinal))
        {
            File.WriteAllBytes(Path.Combine(store, id), data);
            return;
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE \"{Table}\" SET data = @data WHERE id = @id";
        AddParameter(command, "@data", data);
        AddParameter(command, "@id", id);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    public void Remove(string id)
    {
        if (!store.Contains("://", StringComparison.Ordinal))
        {
            File.Delete(Path.Combine(store, id));
            return;
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM \"{Table}\" WHERE id = @id";
        AddParameter(command, "@id", id);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    /// <summary>Cuts every stored schema's document short (a SQL store): it no longer hashes to its hash.</summary>
    public void DamageSchemas()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE \"{Table}_schema\" SET document = substr(document, 1, 50)";
        Assert.NotEqual(0, command.ExecuteNonQuery());
    }

    public void SetCounter(long next)
    {
        if (!store.Contains("://", StringComparison.Ordinal))
        {
            File.WriteAllText(Path.Combine(store, ".gc3-next-id"), next.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE \"{Table}_ids\" SET next_seqno = {next}";
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private DbConnection Open()
    {
        if (store.StartsWith("sqlite://", StringComparison.Ordinal))
        {
            var connection = new SqliteConnection($"Data Source={store["sqlite://".Length..]};Pooling=False");
            connection.Open();
            return connection;
        }

        return server.OpenConnection();
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
