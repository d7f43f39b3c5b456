using Microsoft.Extensions.Options;

namespace Gc3.Persistence.DependencyInjection.Tests;

/// <summary>Stores registered in a plain <see cref="ServiceCollection"/> and used through the built provider.</summary>
public sealed class ServiceProviderTests : TemporaryDirectoryTests
{
    [Fact]
    public void A_file_store_from_a_uri_saves_what_a_later_container_loads()
    {
        var uri = new Uri(Folder.Combine("notes")).AbsoluteUri;
        Id id;
        using (var provider = new ServiceCollection().AddPersistenceStore(uri).BuildServiceProvider())
        {
            Assert.False(Directory.Exists(Folder.Combine("notes"))); // opened on first use, not when registered
            var store = provider.GetRequiredService<IStore>();
            Assert.Same(store, provider.GetRequiredService<IStore>());
            Assert.Equal($"file://{Folder.Combine("notes")}", store.ToString());
            id = store.Save(new Note { Text = "through the container", Priority = 3 });
        }

        using var again = new ServiceCollection().AddPersistenceStore(uri).BuildServiceProvider();
        var loaded = again.GetRequiredService<IStore>().Load<Note>(id);
        Assert.Equal("through the container", loaded.Text);
        Assert.Equal(3, loaded.Priority);
    }

    [Fact]
    public async Task A_sqlite_store_gets_the_options_set_in_code_and_through_Configure()
    {
        var path = Folder.Combine("notes.db");
        var services = new ServiceCollection()
            .AddPersistenceStore($"sqlite://{path}", options => options.TableName = "notes");
        services.Configure<PersistenceStoreOptions>(options => options.Durable = true);
        await using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<SqliteStore>(provider.GetRequiredService<IStore>());
        Assert.Equal("notes", store.TableName);
        Assert.True(store.Options.Durable);
        Assert.Null(store.Options.LoggerFactory);

        var id = await store.SaveAsync(new Note { Text = "in SQLite", Priority = 1 });
        store.InvalidateCache();
        Assert.Equal("in SQLite", (await store.LoadAsync<Note>(id)).Text);
        Assert.True(File.Exists(path));
        Assert.Equal(1, SqliteFile.CountRows(path, "notes"));
    }

    [Fact]
    public void Options_are_named_options_read_when_the_store_is_first_used()
    {
        var services = new ServiceCollection().AddPersistenceStore(Folder.Combine("first"));
        services.AddPersistenceStore(options => options.Uri = Folder.Combine("second"));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(Folder.Combine("second"), provider.GetRequiredService<IOptionsMonitor<PersistenceStoreOptions>>().Get(Options.DefaultName).Uri);
        var store = provider.GetRequiredService<IStore>();
        Assert.Single(provider.GetServices<IStore>());
        store.Save(new Note { Text = "last registration wins" });
        Assert.False(Directory.Exists(Folder.Combine("first")));
        Assert.Single(Directory.EnumerateFiles(Folder.Combine("second"), "Note*"));
    }
}
