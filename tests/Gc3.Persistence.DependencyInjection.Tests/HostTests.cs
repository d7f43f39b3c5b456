namespace Gc3.Persistence.DependencyInjection.Tests;

/// <summary>Stores configured the way an application configures them: a Generic Host, appsettings.json, configuration sections.</summary>
public sealed class HostTests : HostBuilderTests
{
    [Fact]
    public async Task A_connection_string_in_appsettings_json_opens_a_sqlite_store()
    {
        var database = Folder.Combine("jobs.db");
        await WriteAppsettingsAsync($$"""{ "ConnectionStrings": { "Jobs": "sqlite://{{database}}" } }""");
        var builder = NewHostBuilder();
        builder.Services.AddPersistenceStore(options => options.ConnectionStringName = "Jobs");

        Id id;
        using (var host = builder.Build())
        {
            var store = Assert.IsType<SqliteStore>(host.Services.GetRequiredService<IStore>());
            id = store.Save(new Note { Text = "from appsettings.json", Priority = 2 });
        }

        Assert.Equal(1, SqliteFile.CountRows(database, "store"));
        using var reopened = StoreFactory.Make($"sqlite://{database}");
        Assert.Equal("from appsettings.json", reopened.Load<Note>(id).Text);
    }

    [Fact]
    public void A_configuration_section_with_CreateIfMissing_false_refuses_a_missing_store()
    {
        var database = Folder.Combine("absent.db");
        var builder = NewHostBuilder(new()
        {
            ["Persistence:Uri"] = $"sqlite://{database}",
            ["Persistence:CreateIfMissing"] = "false",
        });
        builder.Services.AddPersistenceStore(builder.Configuration.GetSection("Persistence"));

        using var host = builder.Build();
        var e = Assert.Throws<StoreNotFoundException>(() => host.Services.GetRequiredService<IStore>());
        Assert.Contains(database, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(database));
    }

    [Fact]
    public void A_configuration_section_with_ReadOnly_true_opens_the_store_read_only_and_creates_nothing()
    {
        var directory = Folder.Combine("files");
        Id id;
        using (var writer = new Gc3.Persistence.Files.FilesystemStore(directory))
        {
            id = writer.Save(new Note { Text = "kept" });
        }

        var builder = NewHostBuilder(new()
        {
            ["Persistence:Uri"] = directory,
            ["Persistence:ReadOnly"] = "true",
        });
        builder.Services.AddPersistenceStore(builder.Configuration.GetSection("Persistence"));

        using var host = builder.Build();
        var store = host.Services.GetRequiredService<IStore>();
        Assert.True(((Gc3.Persistence.Engine.StoreBase)store).Options.ReadOnly);
        Assert.Equal("kept", store.Load<Note>(id).Text);
        Assert.Throws<ReadOnlyStoreException>(() => store.Save(new Note { Text = "refused" }));
        Assert.Equal([id], store.List());

        // A missing store is an error, also with CreateIfMissing left at true.
        var missing = NewHostBuilder(new() { ["Persistence:Uri"] = Folder.Combine("absent"), ["Persistence:ReadOnly"] = "true" });
        missing.Services.AddPersistenceStore(missing.Configuration.GetSection("Persistence"));
        using var missingHost = missing.Build();
        Assert.Throws<StoreNotFoundException>(() => missingHost.Services.GetRequiredService<IStore>());
        Assert.False(Directory.Exists(Folder.Combine("absent")));
    }

    [Fact]
    public async Task A_configuration_section_sets_the_uri_durability_and_table()
    {
        var database = Folder.Combine("section.db");
        var builder = NewHostBuilder(new()
        {
            ["Persistence:Uri"] = $"sqlite://{database}",
            ["Persistence:Durable"] = "true",
            ["Persistence:TableName"] = "section_notes",
        });
        builder.Services.AddPersistenceStore(builder.Configuration.GetSection("Persistence"));

        using var host = builder.Build();
        await host.StartAsync();
        var store = Assert.IsType<SqliteStore>(host.Services.GetRequiredService<IStore>());
        Assert.True(store.Options.Durable);
        Assert.Equal("section_notes", store.TableName);
        await store.SaveManyAsync([new Note { Text = "one" }, new Note { Text = "two" }]);
        Assert.Equal(2, SqliteFile.CountRows(database, "section_notes"));
        await host.StopAsync();
    }

    [Fact]
    public void Code_configuration_after_a_section_wins_over_it()
    {
        var builder = NewHostBuilder(new() { ["Persistence:Uri"] = Folder.Combine("configured") });
        builder.Services.AddPersistenceStore(builder.Configuration.GetSection("Persistence"), options => options.Uri = Folder.Combine("in-code"));

        using var host = builder.Build();
        host.Services.GetRequiredService<IStore>().Save(new Note());
        Assert.True(Directory.Exists(Folder.Combine("in-code")));
        Assert.False(Directory.Exists(Folder.Combine("configured")));
    }
}
