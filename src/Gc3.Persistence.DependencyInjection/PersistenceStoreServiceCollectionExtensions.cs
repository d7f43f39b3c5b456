using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers Gc3.Persistence stores (<see cref="IStore"/>) in an <see cref="IServiceCollection"/>.
/// Each store is a singleton, opened through <see cref="StoreFactory.Make"/> when first resolved and
/// disposed with the container (<c>Dispose</c> or <c>DisposeAsync</c>); it logs through the
/// container's <c>ILoggerFactory</c> unless <see cref="PersistenceStoreOptions.LoggerFactory"/> says
/// otherwise. Its settings are the named options <see cref="PersistenceStoreOptions"/> (the store's
/// key, or the default name), so several calls, <c>services.Configure&lt;PersistenceStoreOptions&gt;</c>
/// and configuration sections all add up, the last one winning. The SQLite and PostgreSQL schemes
/// work as soon as the application references their packages.
/// </summary>
public static class PersistenceStoreServiceCollectionExtensions
{
    /// <summary>Registers the <see cref="IStore"/> that <paramref name="uri"/> names (<c>sqlite:///jobs.db</c>, <c>file:///var/lib/jobs</c>, ...).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="uri">The store's URI; see <see cref="PersistenceStoreOptions.Uri"/>.</param>
    /// <param name="configure">Sets further options; runs after the URI is set.</param>
    /// <returns><paramref name="services"/>, to chain calls.</returns>
    public static IServiceCollection AddPersistenceStore(this IServiceCollection services, string uri, Action<PersistenceStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        return Add(services, serviceKey: null, options => options.Uri = uri, configure);
    }

    /// <summary>
    /// Registers an <see cref="IStore"/> whose options <paramref name="configure"/> sets: a
    /// <see cref="PersistenceStoreOptions.Uri"/>, or the <see cref="PersistenceStoreOptions.ConnectionStringName"/>
    /// of a connection string in the container's configuration.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns><paramref name="services"/>, to chain calls.</returns>
    public static IServiceCollection AddPersistenceStore(this IServiceCollection services, Action<PersistenceStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, serviceKey: null, configure, null);
    }

    /// <summary>
    /// Registers an <see cref="IStore"/> configured by <paramref name="section"/> (such as
    /// <c>builder.Configuration.GetSection("Persistence")</c>), with the keys <c>Uri</c>,
    /// <c>ConnectionStringName</c>, <c>Durable</c>, <c>CreateIfMissing</c>, <c>ReadOnly</c>, <c>TableName</c>, <c>MaxRecordBytes</c>,
    /// <c>MaxNestingDepth</c>, <c>LockTimeout</c>, <c>MissingReferences</c> and <c>DroppedMembers</c>; they are read when the store is first used, without reflection.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section.</param>
    /// <param name="configure">Sets further options; runs after the section is read.</param>
    /// <returns><paramref name="services"/>, to chain calls.</returns>
    public static IServiceCollection AddPersistenceStore(this IServiceCollection services, IConfiguration section, Action<PersistenceStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, serviceKey: null, options => PersistenceStoreConfiguration.Bind(section, options, serviceKey: null), configure);
    }

    /// <summary>
    /// Registers the <see cref="IStore"/> that <paramref name="uri"/> names as a keyed service: resolve
    /// it with <c>[FromKeyedServices(key)] IStore</c> or <c>GetRequiredKeyedService&lt;IStore&gt;(key)</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The store's key, also the name of its <see cref="PersistenceStoreOptions"/>.</param>
    /// <param name="uri">The store's URI; see <see cref="PersistenceStoreOptions.Uri"/>.</param>
    /// <param name="configure">Sets further options; runs after the URI is set.</param>
    /// <returns><paramref name="services"/>, to chain calls.</returns>
    public static IServiceCollection AddKeyedPersistenceStore(this IServiceCollection services, string serviceKey, string uri, Action<PersistenceStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(serviceKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(uri);
        return Add(services, serviceKey, options => options.Uri = uri, configure);
    }

    /// <summary>Registers a keyed <see cref="IStore"/> whose options <paramref name="configure"/> sets; see <see cref="AddPersistenceStore(IServiceCollection, Action{PersistenceStoreOptions})"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The store's key, also the name of its <see cref="PersistenceStoreOptions"/>.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns><paramref name="services"/>, to chain calls.</returns>
    public static IServiceCollection AddKeyedPersistenceStore(this IServiceCollection services, string serviceKey, Action<PersistenceStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(serviceKey);
        ArgumentNullException.ThrowIfNull(configure);
        return Add(services, serviceKey, configure, null);
    }

    /// <summary>Registers a keyed <see cref="IStore"/> configured by <paramref name="section"/>; see <see cref="AddPersistenceStore(IServiceCollection, IConfiguration, Action{PersistenceStoreOptions}?)"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The store's key, also the name of its <see cref="PersistenceStoreOptions"/>.</param>
    /// <param name="section">The configuration section.</param>
    /// <param name="configure">Sets further options; runs after the section is read.</param>
    /// <returns><paramref name="services"/>, to chain calls.</returns>
    public static IServiceCollection AddKeyedPersistenceStore(this IServiceCollection services, string serviceKey, IConfiguration section, Action<PersistenceStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(serviceKey);
        ArgumentNullException.ThrowIfNull(section);
        return Add(services, serviceKey, options => PersistenceStoreConfiguration.Bind(section, options, serviceKey), configure);
    }

    private static IServiceCollection Add(
        IServiceCollection services, string? serviceKey, Action<PersistenceStoreOptions> first, Action<PersistenceStoreOptions>? then)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<PersistenceStoreOptions>(serviceKey ?? Options.Options.DefaultName).Configure(first);
        if (then is not null)
        {
            optionsBuilder.Configure(then);
        }

        // A factory-made singleton: the container creates it on first use and disposes it (sync or async) with
        // itself. Registered once per key: a second call only adds to the options.
        if (serviceKey is null)
        {
            services.TryAddSingleton<IStore>(static provider => PersistenceStoreActivator.Open(provider, serviceKey: null));
        }
        else
        {
            services.TryAddKeyedSingleton<IStore>(serviceKey, static (provider, key) => PersistenceStoreActivator.Open(provider, (string)key!));
        }

        return services;
    }
}
