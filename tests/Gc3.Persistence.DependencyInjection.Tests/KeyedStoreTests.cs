namespace Gc3.Persistence.DependencyInjection.Tests;

/// <summary>Several stores in one container, told apart by key.</summary>
public sealed class KeyedStoreTests : HostBuilderTests
{
    [Fact]
    public void Two_keyed_stores_stay_separate_and_reach_a_consumer_through_FromKeyedServices()
    {
        var services = new ServiceCollection()
            .AddKeyedPersistenceStore("active", Folder.Combine("active"))
            .AddKeyedPersistenceStore("archive", $"sqlite://{Folder.Combine("archive.db")}", options => options.TableName = "archive")
            .AddSingleton<Archivist>();
        using var provider = services.BuildServiceProvider();

        var active = provider.GetRequiredKeyedService<IStore>("active");
        var archive = provider.GetRequiredKeyedService<IStore>("archive");
        Assert.NotSame(active, archive);
        Assert.Same(active, provider.GetRequiredKeyedService<IStore>("active"));
        Assert.IsType<SqliteStore>(archive);
        Assert.Null(provider.GetService<IStore>());

        var id = active.Save(new Note { Text = "done", Priority = 5 });
        var archivist = provider.GetRequiredService<Archivist>();
        Assert.Same(active, archivist.Active);
        Assert.Same(archive, archivist.Archive);
        var archivedId = archivist.MoveToArchive(id);

        Assert.Empty(active.List());
        Assert.Equal([archivedId], archive.List());
        archive.InvalidateCache();
        Assert.Equal("done", archive.Load<Note>(archivedId).Text);
        Assert.Equal(1, SqliteFile.CountRows(Folder.Combine("archive.db"), "archive"));
    }

    [Fact]
    public void A_keyed_store_and_the_unkeyed_one_have_their_own_options_from_configuration()
    {
        var builder = NewHostBuilder(new()
        {
            ["ConnectionStrings:Main"] = Folder.Combine("main"),
            ["Stores:Reports:Uri"] = $"sqlite://{Folder.Combine("reports.db")}",
            ["Stores:Reports:Durable"] = "true",
        });
        builder.Services.AddPersistenceStore(options => options.ConnectionStringName = "Main");
        builder.Services.AddKeyedPersistenceStore("reports", builder.Configuration.GetSection("Stores:Reports"));

        using var host = builder.Build();
        var main = host.Services.GetRequiredService<IStore>();
        var reports = Assert.IsType<SqliteStore>(host.Services.GetRequiredKeyedService<IStore>("reports"));
        Assert.True(reports.Options.Durable);

        main.Save(new Note { Text = "main" });
        Assert.Empty(reports.List());
        Assert.Single(Directory.EnumerateFiles(Folder.Combine("main"), "Note*"));
    }

    /// <summary>A service that takes two keyed stores in its constructor, as application code does.</summary>
    public sealed class Archivist([FromKeyedServices("active")] IStore active, [FromKeyedServices("archive")] IStore archive)
    {
        public IStore Active => active;

        public IStore Archive => archive;

        public Id MoveToArchive(Id id)
        {
            var note = active.Load<Note>(id);
            var copy = new Note { Text = note.Text, Priority = note.Priority };
            var archived = archive.Save(copy);
            active.Remove(id);
            return archived;
        }
    }
}
