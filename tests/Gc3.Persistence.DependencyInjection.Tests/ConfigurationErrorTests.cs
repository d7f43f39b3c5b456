namespace Gc3.Persistence.DependencyInjection.Tests;

/// <summary>Bad configuration fails on first use with a message that names the key to fix.</summary>
public sealed class ConfigurationErrorTests : HostBuilderTests
{
    [Fact]
    public void A_missing_connection_string_names_its_key()
        => AssertFirstUseErrorSays(new(), ByConnectionString, "'ConnectionStrings:Jobs'", "missing");

    [Fact]
    public void A_connection_string_without_a_configuration_in_the_container_says_so()
    {
        using var provider = new ServiceCollection().AddPersistenceStore(options => options.ConnectionStringName = "Jobs").BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IStore>());
        Assert.Contains("'ConnectionStrings:Jobs'", error.Message);
        Assert.Contains("no IConfiguration", error.Message);
    }

    [Fact]
    public void An_unknown_scheme_names_the_configuration_key_the_store_key_and_the_known_schemes()
    {
        var error = FirstUseError(
            new() { ["Stores:Archive:Uri"] = "nosuch://somewhere/store" },
            builder => builder.Services.AddKeyedPersistenceStore("archive", builder.Configuration.GetSection("Stores:Archive")),
            key: "archive");

        Assert.Contains("'archive'", error.Message);
        Assert.Contains("'Stores:Archive:Uri'", error.Message);
        Assert.Contains("'nosuch'", error.Message);
        Assert.Contains("sqlite", error.Message);
        Assert.IsType<ArgumentException>(error.InnerException);
    }

    [Fact]
    public void An_unknown_scheme_in_a_connection_string_names_the_connection_string()
        => AssertFirstUseErrorSays(new() { ["ConnectionStrings:Jobs"] = "nosuch://somewhere" }, ByConnectionString, "'ConnectionStrings:Jobs'", "'nosuch'");

    [Fact]
    public void A_store_without_uri_or_connection_string_says_what_to_set()
    {
        var error = FirstUseError(new(), builder => builder.Services.AddKeyedPersistenceStore("empty", builder.Configuration.GetSection("Nothing")), key: "empty");

        Assert.Contains("'empty'", error.Message);
        Assert.Contains("has no URI", error.Message);
        Assert.Contains("ConnectionStringName", error.Message);
    }

    [Fact]
    public void A_durable_flag_that_is_not_a_boolean_names_its_key()
        => AssertFirstUseErrorSays(new() { ["Persistence:Uri"] = Folder.Combine("store"), ["Persistence:Durable"] = "sometimes" }, BySection, "'Persistence:Durable'", "'sometimes'");

    [Fact]
    public void An_ADO_NET_connection_string_is_refused_with_the_URI_to_write()
        => AssertFirstUseErrorSays(
            new() { ["ConnectionStrings:Jobs"] = "Host=localhost;Database=jobs;Username=gc3" },
            ByConnectionString,
            "'ConnectionStrings:Jobs'",
            "looks like a connection string (keys Host, Database, Username), not a store URI",
            "postgresql://user:password@host:5432/db");

    [Fact]
    public void A_misspelt_key_of_the_section_is_named_instead_of_ignored()
    {
        AssertFirstUseErrorSays(
            new() { ["Persistence:Uri"] = Folder.Combine("store"), ["Persistence:Durabel"] = "true" },
            BySection,
            "'Persistence:Durabel' is not a setting of the persistence store",
            "Uri, ConnectionStringName, Durable, CreateIfMissing, ReadOnly, TableName");

        Assert.False(Directory.Exists(Folder.Combine("store")));
    }

    // A keyed store's section errors name the store's key as well as the setting, as its URI errors do (the values'
    // errors: StoreLimitConfigurationTests).
    [Fact]
    public void A_misspelt_key_of_a_keyed_store_names_the_setting_and_the_store_key()
    {
        var error = FirstUseError(
            new() { ["Stores:Archive:Uri"] = Folder.Combine("archive"), ["Stores:Archive:Durabel"] = "true" },
            builder => builder.Services.AddKeyedPersistenceStore("archive", builder.Configuration.GetSection("Stores:Archive")),
            key: "archive");

        Assert.Contains("'Stores:Archive:Durabel' is not a setting of the persistence store with the key 'archive';", error.Message);
        Assert.False(Directory.Exists(Folder.Combine("archive")));
    }

    // The unkeyed store, named by the connection string "Jobs" or configured by the section "Persistence".
    // The keys the configuration reads are the keys the package's README and docs/dependency-injection.md list: the
    // README once left out a key added since. The list comes from the store's own error for an unknown key.
    [Fact]
    public void Every_configuration_key_is_listed_in_the_package_README_and_the_docs_page()
    {
        var error = FirstUseError(new() { ["Persistence:Uri"] = Folder.Combine("store"), ["Persistence:NoSuchKey"] = "1" }, BySection);
        var keys = error.Message[(error.Message.IndexOf("its settings are ", StringComparison.Ordinal) + "its settings are ".Length)..].TrimEnd('.').Split(", ");
        Assert.Contains("LockTimeout", keys);

        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Gc3.Persistence.Generated.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository root is not above the test's folder.");
        }

        foreach (var page in new[] { "src/Gc3.Persistence.DependencyInjection/README.md", "docs/dependency-injection.md" })
        {
            var text = File.ReadAllText(Path.Combine(root, page));
            Assert.All(keys, key => Assert.True(text.Contains($"`{key}`", StringComparison.Ordinal), $"{page} does not list the key {key}"));
        }
    }

    private static void ByConnectionString(HostApplicationBuilder builder) => builder.Services.AddPersistenceStore(options => options.ConnectionStringName = "Jobs");

    private static void BySection(HostApplicationBuilder builder) => builder.Services.AddPersistenceStore(builder.Configuration.GetSection("Persistence"));

    // What resolving the store (the keyed one when a key is given) throws in a host built with these settings.
    private InvalidOperationException FirstUseError(Dictionary<string, string?> settings, Action<HostApplicationBuilder> register, string? key = null)
    {
        var builder = NewHostBuilder(settings);
        register(builder);
        using var host = builder.Build();
        return Assert.Throws<InvalidOperationException>(() => key is null
            ? host.Services.GetRequiredService<IStore>()
            : host.Services.GetRequiredKeyedService<IStore>(key));
    }

    // Resolving the unkeyed store throws, and the message says each of these.
    private void AssertFirstUseErrorSays(Dictionary<string, string?> settings, Action<HostApplicationBuilder> register, params string[] says)
    {
        var error = FirstUseError(settings, register);
        Assert.All(says, said => Assert.Contains(said, error.Message));
    }
}
