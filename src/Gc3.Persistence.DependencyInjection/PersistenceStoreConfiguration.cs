using System.Globalization;
using Gc3.Persistence.Records;

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
    public const string ReadOnlyKey = nameof(PersistenceStoreOptions.ReadOnly);
    public const string MaxRecordBytesKey = nameof(PersistenceStoreOptions.MaxRecordBytes);
    public const string MaxNestingDepthKey = nameof(PersistenceStoreOptions.MaxNestingDepth);
    public const string LockTimeoutKey = nameof(PersistenceStoreOptions.LockTimeout);
    public const string MissingReferencesKey = nameof(PersistenceStoreOptions.MissingReferences);
    public const string DroppedMembersKey = nameof(PersistenceStoreOptions.DroppedMembers);
    public const string TableNameKey = nameof(PersistenceStoreOptions.TableName);

    private static readonly string[] Keys =
        [UriKey, ConnectionStringNameKey, DurableKey, CreateIfMissingKey, ReadOnlyKey, TableNameKey, MaxRecordBytesKey, MaxNestingDepthKey, LockTimeoutKey, MissingReferencesKey, DroppedMembersKey];

    /// <summary>Sets the options the section has a value for; leaves the others as they are.</summary>
    /// <exception cref="InvalidOperationException">
    /// <c>Durable</c>, <c>CreateIfMissing</c> or <c>ReadOnly</c> is not <c>true</c> or <c>false</c>, <c>MaxRecordBytes</c> or
    /// <c>MaxNestingDepth</c> is not a whole number in the range <see cref="StoreOptions"/> takes, <c>LockTimeout</c> is not
    /// a positive time (<c>00:00:05</c>) or <c>Infinite</c>,
    /// <c>MissingReferences</c> or <c>DroppedMembers</c> is not the name of a <see cref="MissingReferenceHandling"/> or
    /// <see cref="DroppedMemberHandling"/>, or the section has a key
    /// that is none of these settings. The message names the key.
    /// </exception>
    public static void Bind(IConfiguration section, PersistenceStoreOptions options, string? serviceKey)
    {
        // A misspelt key ('Durabel') would otherwise leave its setting at the default without a word.
        foreach (var child in section.GetChildren())
        {
            if (!Keys.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"The configuration key '{child.Path}' is not a setting of the persistence store{(serviceKey is null ? "" : $" with the key '{serviceKey}'")}; its settings are {string.Join(", ", Keys)}.");
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

        if (Boolean(section, DurableKey, serviceKey) is { } durable)
        {
            options.Durable = durable;
        }

        if (Boolean(section, CreateIfMissingKey, serviceKey) is { } createIfMissing)
        {
            options.CreateIfMissing = createIfMissing;
        }

        if (Boolean(section, ReadOnlyKey, serviceKey) is { } readOnly)
        {
            options.ReadOnly = readOnly;
        }

        if (Integer(section, MaxRecordBytesKey, serviceKey, RecordFormat.MinimumSize, StoreOptions.MaxRecordBytesLimit, "bytes") is { } maxRecordBytes)
        {
            options.MaxRecordBytes = maxRecordBytes;
        }

        if (Integer(section, MaxNestingDepthKey, serviceKey, 1, StoreOptions.MaxNestingDepthLimit, "levels") is { } maxNestingDepth)
        {
            options.MaxNestingDepth = maxNestingDepth;
        }

        if (Duration(section, LockTimeoutKey, serviceKey) is { } lockTimeout)
        {
            options.LockTimeout = lockTimeout;
        }

        if (EnumName<MissingReferenceHandling>(section, MissingReferencesKey, serviceKey) is { } missingReferences)
        {
            options.MissingReferences = missingReferences;
        }

        if (EnumName<DroppedMemberHandling>(section, DroppedMembersKey, serviceKey) is { } droppedMembers)
        {
            options.DroppedMembers = droppedMembers;
        }

        if (NonEmpty(section[TableNameKey]) is { } tableName)
        {
            options.TableName = tableName;
        }
    }

    // By name only: Enum.TryParse would take '7' or 'Throw,LoadAsNull' too.
    private static T? EnumName<T>(IConfiguration section, string key, string? serviceKey)
        where T : struct, Enum
    {
        if (NonEmpty(section[key]) is not { } text)
        {
            return null;
        }

        var names = Enum.GetNames<T>();
        return names.FirstOrDefault(name => name.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<T>(name)
            : throw Invalid(section, key, serviceKey, text, string.Join(" or ", names));
    }

    private static bool? Boolean(IConfiguration section, string key, string? serviceKey) => NonEmpty(section[key]) is not { } text
        ? null
        : bool.TryParse(text, out var value)
            ? value
            : throw Invalid(section, key, serviceKey, text, "true or false");

    // A whole number from minimum to maximum, checked here: StoreOptions would refuse it too, but without naming the key.
    private static int? Integer(IConfiguration section, string key, string? serviceKey, int minimum, int maximum, string unit) => NonEmpty(section[key]) is not { } text
        ? null
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : throw Invalid(section, key, serviceKey, text, $"a whole number of {unit} from {minimum} to {maximum}");

    // A positive time as TimeSpan writes it ('00:00:05', '1.00:00:00'), or 'Infinite' (Timeout.InfiniteTimeSpan, which
    // '-00:00:00.001' gives too): checked here, so that the message names the key. A bare number is refused: TimeSpan
    // reads '5' as five days, where its writer most likely meant seconds.
    private static TimeSpan? Duration(IConfiguration section, string key, string? serviceKey)
    {
        if (NonEmpty(section[key]) is not { } text)
        {
            return null;
        }

        if (text.Equals("Infinite", StringComparison.OrdinalIgnoreCase))
        {
            return Timeout.InfiniteTimeSpan;
        }

        return text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
            && (value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan)
            ? value
            : throw Invalid(section, key, serviceKey, text, "a positive time such as 00:00:05 (hours:minutes:seconds), or Infinite");
    }

    // The one wording of a value no reader takes. A keyed store's errors name its key too, as the activator's do: the
    // section's path need not say which store it configures.
    private static InvalidOperationException Invalid(IConfiguration section, string key, string? serviceKey, string text, string must)
        => new($"The configuration value '{PathOf(section, key)}'{(serviceKey is null ? "" : $" of the persistence store with the key '{serviceKey}'")} is '{text}'; it must be {must}.");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string PathOf(IConfiguration section, string key) =>
        section is IConfigurationSection { Path: { Length: > 0 } path } ? ConfigurationPath.Combine(path, key) : key;
}
