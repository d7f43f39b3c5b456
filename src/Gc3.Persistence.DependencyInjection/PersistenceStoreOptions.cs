using Gc3.Persistence.Sql;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// What a store registered with <see cref="PersistenceStoreServiceCollectionExtensions.AddPersistenceStore(IServiceCollection, string, Action{PersistenceStoreOptions}?)"/>
/// opens and how: named options (<c>IOptionsMonitor&lt;PersistenceStoreOptions&gt;.Get(key)</c>, the
/// default name for the unkeyed store), so <c>services.Configure&lt;PersistenceStoreOptions&gt;(...)</c>
/// and a configuration section apply to them as to any options. Mutable, unlike
/// <see cref="StoreOptions"/>, which the registration makes from them when the store is first used.
/// </summary>
public sealed class PersistenceStoreOptions
{
    private string? _uri;

    /// <summary>
    /// The store's URI, as <see cref="StoreFactory.Make"/> takes it (<c>file:///var/lib/jobs</c>,
    /// <c>sqlite:///jobs.db</c>, <c>postgresql://host/db</c>, or a bare directory). Wins over
    /// <see cref="ConnectionStringName"/>.
    /// </summary>
    public string? Uri
    {
        get => _uri;
        set
        {
            _uri = value;
            UriConfigurationKey = null;
        }
    }

    /// <summary>
    /// The name of a connection string (<c>ConnectionStrings:NAME</c> in <c>appsettings.json</c>) that
    /// holds the store's URI, read through the container's <c>IConfiguration</c> when
    /// <see cref="Uri"/> is not set.
    /// </summary>
    public string? ConnectionStringName { get; set; }

    /// <inheritdoc cref="StoreOptions.Durable"/>
    public bool Durable { get; set; }

    /// <inheritdoc cref="StoreOptions.CreateIfMissing"/>
    public bool CreateIfMissing { get; set; } = true;

    /// <inheritdoc cref="StoreOptions.ReadOnly"/>
    public bool ReadOnly { get; set; }

    /// <inheritdoc cref="StoreOptions.MaxRecordBytes"/>
    /// <remarks>A value out of range throws the <see cref="ArgumentOutOfRangeException"/> of <see cref="StoreOptions.MaxRecordBytes"/> when the store is first resolved.</remarks>
    public int MaxRecordBytes { get; set; } = StoreOptions.DefaultMaxRecordBytes;

    /// <inheritdoc cref="StoreOptions.MaxNestingDepth"/>
    /// <remarks>A value out of range throws the <see cref="ArgumentOutOfRangeException"/> of <see cref="StoreOptions.MaxNestingDepth"/> when the store is first resolved.</remarks>
    public int MaxNestingDepth { get; set; } = StoreOptions.DefaultMaxNestingDepth;

    /// <inheritdoc cref="StoreOptions.LockTimeout"/>
    /// <remarks>A value out of range throws the <see cref="ArgumentOutOfRangeException"/> of <see cref="StoreOptions.LockTimeout"/> when the store is first resolved.</remarks>
    public TimeSpan LockTimeout { get; set; } = StoreOptions.DefaultLockTimeout;

    /// <inheritdoc cref="StoreOptions.MissingReferences"/>
    public MissingReferenceHandling MissingReferences { get; set; }

    /// <inheritdoc cref="StoreOptions.DroppedMembers"/>
    public DroppedMemberHandling DroppedMembers { get; set; }

    /// <inheritdoc cref="SqlStoreOptions.TableName"/>
    /// <remarks>The file store ignores it.</remarks>
    public string? TableName { get; set; }

    /// <inheritdoc cref="SqlStoreOptions.ExtraFields"/>
    public IList<SqlExtraField> ExtraFields { get; } = [];

    /// <inheritdoc cref="StoreOptions.IdFactory"/>
    public IdFactory? IdFactory { get; set; }

    /// <summary>Where the store logs; <see langword="null"/>: the container's <see cref="ILoggerFactory"/>, if it has one.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The configuration key <see cref="Uri"/> was read from, for error messages; <see langword="null"/> when set in code.</summary>
    internal string? UriConfigurationKey { get; set; }

    /// <summary>The options the store's constructor takes; SQL settings included, which the file store ignores.</summary>
    internal SqlStoreOptions ToStoreOptions(ILoggerFactory? containerLoggerFactory) => new()
    {
        Durable = Durable,
        CreateIfMissing = CreateIfMissing,
        ReadOnly = ReadOnly,
        MaxRecordBytes = MaxRecordBytes,
        MaxNestingDepth = MaxNestingDepth,
        LockTimeout = LockTimeout,
        MissingReferences = MissingReferences,
        DroppedMembers = DroppedMembers,
        TableName = TableName,
        ExtraFields = [.. ExtraFields],
        IdFactory = IdFactory,
        LoggerFactory = LoggerFactory ?? containerLoggerFactory,
    };
}
