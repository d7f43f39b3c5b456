using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.DependencyInjection.Tests;

/// <summary>What the store takes from the container besides its options: the logger factory, and its end.</summary>
public sealed class LoggingAndDisposalTests : HostBuilderTests
{
    [Fact]
    public void The_store_logs_through_the_containers_logger_factory()
    {
        // A damaged ID counter: the file store recovers from it and says so with a warning.
        var storeDirectory = Directory.CreateDirectory(Folder.Combine("store")).FullName;
        File.WriteAllText(Path.Combine(storeDirectory, ".gc3-next-id"), "not a number");
        var captured = new CapturingLoggerProvider();
        var builder = NewHostBuilder();
        builder.Logging.ClearProviders().AddProvider(captured);
        builder.Services.AddPersistenceStore(storeDirectory);

        using var host = builder.Build();
        var store = host.Services.GetRequiredService<IStore>();
        store.Save(new Note { Text = "after the damage" });

        var warning = Assert.Single(captured.Lines, line => line.Level == LogLevel.Warning);
        Assert.Contains("ID counter", warning.Message);
        Assert.Contains(".gc3-next-id", warning.Message);
        Assert.StartsWith("Gc3.Persistence", warning.Category);
    }

    [Fact]
    public void A_logger_factory_in_the_options_wins_over_the_containers()
    {
        var storeDirectory = Directory.CreateDirectory(Folder.Combine("store")).FullName;
        File.WriteAllText(Path.Combine(storeDirectory, ".gc3-next-id"), "not a number");
        var fromContainer = new CapturingLoggerProvider();
        var fromOptions = new CapturingLoggerProvider();
        using var optionsLoggerFactory = LoggerFactory.Create(logging => logging.AddProvider(fromOptions));
        using var provider = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(fromContainer))
            .AddPersistenceStore(storeDirectory, options => options.LoggerFactory = optionsLoggerFactory)
            .BuildServiceProvider();

        provider.GetRequiredService<IStore>().Save(new Note());

        Assert.Single(fromOptions.Lines, line => line.Level == LogLevel.Warning);
        Assert.DoesNotContain(fromContainer.Lines, line => line.Category.StartsWith("Gc3.Persistence", StringComparison.Ordinal));
    }

    [Fact]
    public void Disposing_the_provider_disposes_the_store()
    {
        var provider = new ServiceCollection()
            .AddPersistenceStore($"sqlite://{Folder.Combine("sync.db")}")
            .AddKeyedPersistenceStore("files", Folder.Combine("files"))
            .BuildServiceProvider();
        var store = provider.GetRequiredService<IStore>();
        var keyed = provider.GetRequiredKeyedService<IStore>("files");
        store.Save(new Note());

        provider.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.Save(new Note()));
        Assert.Throws<ObjectDisposedException>(() => keyed.List());
    }

    [Fact]
    public async Task Disposing_the_provider_asynchronously_disposes_the_store()
    {
        var provider = new ServiceCollection().AddPersistenceStore($"sqlite://{Folder.Combine("async.db")}").BuildServiceProvider();
        var store = provider.GetRequiredService<IStore>();
        await store.SaveAsync(new Note());

        await provider.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.SaveAsync(new Note()));
    }

    [Fact]
    public async Task Stopping_and_disposing_a_host_disposes_the_store()
    {
        var builder = NewHostBuilder();
        builder.Services.AddPersistenceStore(Folder.Combine("hosted"));
        var host = builder.Build();
        await host.StartAsync();
        Assert.False(Directory.Exists(Folder.Combine("hosted"))); // opened on first use, not when the host starts
        var store = host.Services.GetRequiredService<IStore>();
        store.Save(new Note());
        await host.StopAsync();

        host.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.List());
    }
}
