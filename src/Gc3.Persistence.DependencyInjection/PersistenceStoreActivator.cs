using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Opens a registered store from its named <see cref="PersistenceStoreOptions"/> when the container first needs it.</summary>
internal static class PersistenceStoreActivator
{
    /// <param name="services">The container.</param>
    /// <param name="serviceKey">The key of a keyed store; <see langword="null"/> for the unkeyed one.</param>
    public static IStore Open(IServiceProvider services, string? serviceKey)
    {
        var options = services.GetRequiredService<IOptionsMonitor<PersistenceStoreOptions>>().Get(serviceKey ?? Options.Options.DefaultName);
        var (uri, source) = ResolveUri(services, options, serviceKey);
        var storeOptions = options.ToStoreOptions(services.GetService<ILoggerFactory>());
        try
        {
            return StoreFactory.Make(uri, storeOptions);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"{Describe(serviceKey)} could not be opened from {source}: {e.Message}", e);
        }
    }

    private static (string Uri, string Source) ResolveUri(IServiceProvider services, PersistenceStoreOptions options, string? serviceKey)
    {
        if (!string.IsNullOrWhiteSpace(options.Uri))
        {
            var source = options.UriConfigurationKey is { } key ? $"the configuration value '{key}'" : $"{nameof(PersistenceStoreOptions)}.{nameof(PersistenceStoreOptions.Uri)}";
            return (options.Uri, source);
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionStringName))
        {
            throw new InvalidOperationException(
                $"{Describe(serviceKey)} has no URI: set {nameof(PersistenceStoreOptions)}.{nameof(PersistenceStoreOptions.Uri)} " +
                $"or {nameof(PersistenceStoreOptions.ConnectionStringName)} (in code, or as the keys " +
                $"'{PersistenceStoreConfiguration.UriKey}' / '{PersistenceStoreConfiguration.ConnectionStringNameKey}' of its configuration section).");
        }

        var connectionStringKey = ConfigurationPath.Combine("ConnectionStrings", options.ConnectionStringName);
        var configuration = services.GetService<IConfiguration>()
            ?? throw new InvalidOperationException(
                $"{Describe(serviceKey)} reads its URI from the connection string '{connectionStringKey}', but the container has no IConfiguration. " +
                "Use a Generic Host, or register the configuration (services.AddSingleton<IConfiguration>(configuration)).");
        var uri = configuration.GetConnectionString(options.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(uri))
        {
            throw new InvalidOperationException($"{Describe(serviceKey)} reads its URI from the connection string '{connectionStringKey}', which is missing or empty.");
        }

        return (uri, $"the connection string '{connectionStringKey}'");
    }

    private static string Describe(string? serviceKey) =>
        serviceKey is null ? "The persistence store" : $"The persistence store with the key '{serviceKey}'";
}
