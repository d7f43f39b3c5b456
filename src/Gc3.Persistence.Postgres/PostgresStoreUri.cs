namespace Gc3.Persistence.Postgres;

/// <summary>
/// Turns <c>postgresql://user:password@host:port/database?option=value#table=NAME</c> into an Npgsql
/// connection string. User, password and database are percent-decoded; the libpq options
/// <c>sslmode</c>, <c>connect_timeout</c>, <c>application_name</c> and <c>host</c> (a socket folder)
/// are understood, and any other option is passed to Npgsql under its own name.
/// </summary>
internal static class PostgresStoreUri
{
    private static readonly Dictionary<string, string> LibpqOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["host"] = "Host",
        ["port"] = "Port",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
    };

    public static PostgresStore Open(Uri uri, StoreOptions options)
        => new(ToConnectionString(uri), SqlNames.TableFromUriFragment(uri.Fragment), options);

    public static NpgsqlConnectionStringBuilder ToConnectionString(Uri uri)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        builder.Host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host.Length > 0 ? uri.Host : "localhost";
        builder.Port = uri.Port > 0 ? uri.Port : NpgsqlConnection.DefaultPort;
        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            try
            {
                builder[LibpqOptions.GetValueOrDefault(key, key)] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or KeyNotFoundException)
            {
                throw new ArgumentException($"The option '{key}' of the PostgreSQL store URI is not a connection option Npgsql accepts with the value given: {e.Message}", nameof(uri), e);
            }
        }

        return builder;
    }
}
