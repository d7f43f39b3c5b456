namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Reads a configuration section into <see cref="PersistenceStoreOptions"/>: its keys by hand,
/// so that binding needs no reflection and stays trimming- and Native-AOT-safe.
/// </summary>
internal static class PersistenceStoreConfiguration
{
    public const string UriKey = nameof(PersistenceStoreOptions.Uri);
    public const string ConnectionStringNameKey = nameof(PersistenceStoreOptions.ConnectionStringName);
    public const string DurableKey = nameof(PersistenceStoreOptions.Durable);
    public const string CreateIfMissingKey = nameof(PersistenceStoreOptions.CreateIfMissing);
    public const string TableNameKey = nameof(PersistenceStoreOptions.TableName);

    private static readonly string[] Keys = [UriKey, ConnectionStringNameKey, DurableKey, CreateIfMissingKey, TableNameKey];

    /// <summary>Sets the options the section has a value for; leaves the others as they are.</summary>
    /// <exception cref="InvalidOperationException">
    /// <c>Durable</c> or <c>CreateIfMissing</c> is not <c>true</c> or <c>false</c>, or the section has a key that is none of these settings.
    /// </exception>
    public static void Bind(IConfiguration section, PersistenceStoreOptions options)
    {
        // A misspelt key ('Durabel') would otherwise leave its setting at the default without a word.
        foreach (var child in section.GetChildren())
        {
            if (!Keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"The configuration key '{child.Path}' is not a setting of the persistence store; its settings are {string.Join(", ", Keys)}.");
            }
        }

        if (NonEmpty(section[UriKey]) is { } uri)
        {
            options.Uri = uri;
            options.UriConfigurationKey = PathOf(section, UriKey);
        }

        if (NonEmpty(section[ConnectionStringNameKey]) is { } connectionStringName)
        {
            options.ConnectionStringName = connectionStringName;
        }

        if (Boolean(section, DurableKey) is { } durable)
        {
            options.Durable = durable;
        }

        if (Boolean(section, CreateIfMissingKey) is { } createIfMissing)
        {
            options.CreateIfMissing = createIfMissing;
        }

        if (NonEmpty(section[TableNameKey]) is { } tableName)
        {
            options.TableName = tableName;
        }
    }

    private static bool? Boolean(IConfiguration section, string key) => NonEmpty(section[key]) is not { } text
        ? null
        : bool.TryParse(text, out var value)
            ? value
            : throw new InvalidOperationException($"The configuration value '{PathOf(section, key)}' is '{text}'; it must be true or false.");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string PathOf(IConfiguration section, string key) =>
        section is IConfigurationSection { Path: { Length: > 0 } path } ? ConfigurationPath.Combine(path, key) : key;
}
