namespace Gc3.Persistence.DependencyInjection.Tests;

/// <summary>Bad configuration fails on first use with a message that names the key to fix.</summary>
public sealed class ConfigurationErrorTests : TemporaryDirectoryTests
{
    [Fact]
    public void A_missing_connection_string_names_its_key()
    {
        using var host = Build(new(), builder => builder.Services.AddPersistenceStore(options => options.ConnectionStringName = "Jobs"));

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IStore>());
        Assert.Contains("'ConnectionStrings:Jobs'", error.Message);
        Assert.Contains("missing", error.Message);
    }

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
        using var configured = Build(
            new() { ["Stores:Archive:Uri"] = "nosuch://somewhere/store" },
            builder => builder.Services.AddKeyedPersistenceStore("archive", builder.Configuration.GetSection("Stores:Archive")));

        var error = Assert.Throws<InvalidOperationException>(() => configured.Services.GetRequiredKeyedService<IStore>("archive"));
        Assert.Contains("'archive'", error.Message);
        Assert.Contains("'Stores:Archive:Uri'", error.Message);
        Assert.Contains("'nosuch'", error.Message);
        Assert.Contains("sqlite", error.Message);
        Assert.IsType<ArgumentException>(error.InnerException);
    }

    [Fact]
    public void An_unknown_scheme_in_a_connection_string_names_the_connection_string()
    {
        using var host = Build(
            new() { ["ConnectionStrings:Jobs"] = "nosuch://somewhere" },
            builder => builder.Services.AddPersistenceStore(options => options.ConnectionStringName = "Jobs"));

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IStore>());
        Assert.Contains("'ConnectionStrings:Jobs'", error.Message);
        Assert.Contains("'nosuch'", error.Message);
    }

    [Fact]
    public void A_store_without_uri_or_connection_string_says_what_to_set()
    {
        using var host = Build(new(), builder => builder.Services.AddKeyedPersistenceStore("empty", builder.Configuration.GetSection("Nothing")));

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredKeyedService<IStore>("empty"));
        Assert.Contains("'empty'", error.Message);
        Assert.Contains("has no URI", error.Message);
        Assert.Contains("ConnectionStringName", error.Message);
    }

    [Fact]
    public void A_durable_flag_that_is_not_a_boolean_names_its_key()
    {
        using var host = Build(
            new() { ["Persistence:Uri"] = Folder.Combine("store"), ["Persistence:Durable"] = "sometimes" },
            builder => builder.Services.AddPersistenceStore(builder.Configuration.GetSection("Persistence")));

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IStore>());
        Assert.Contains("'Persistence:Durable'", error.Message);
        Assert.Contains("'sometimes'", error.Message);
    }

    [Fact]
    public void An_ADO_NET_connection_string_is_refused_with_the_URI_to_write()
    {
        using var host = Build(
            new() { ["ConnectionStrings:Jobs"] = "Host=localhost;Database=jobs;Username=gc3" },
            builder => builder.Services.AddPersistenceStore(options => options.ConnectionStringName = "Jobs"));

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IStore>());
        Assert.Contains("'ConnectionStrings:Jobs'", error.Message);
        Assert.Contains("looks like a connection string (keys Host, Database, Username), not a store URI", error.Message);
        Assert.Contains("postgresql://user:password@host:5432/db", error.Message);
    }

    [Fact]
    public void A_misspelt_key_of_the_section_is_named_instead_of_ignored()
    {
        using var host = Build(
            new() { ["Persistence:Uri"] = Folder.Combine("store"), ["Persistence:Durabel"] = "true" },
            builder => builder.Services.AddPersistenceStore(builder.Configuration.GetSection("Persistence")));

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IStore>());
        Assert.Contains("'Persistence:Durabel' is not a setting of the persistence store", error.Message);
        Assert.Contains("Uri, ConnectionStringName, Durable, CreateIfMissing, TableName", error.Message);
        Assert.False(Directory.Exists(Folder.Combine("store")));
    }

    private IHost Build(Dictionary<string, string?> settings, Action<HostApplicationBuilder> register)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Folder.Path, Args = [] });
        builder.Configuration.AddInMemoryCollection(settings);
        register(builder);
        return builder.Build();
    }
}
