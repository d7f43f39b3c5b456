using Gc3.Persistence.Files;

namespace Gc3.Persistence.DependencyInjection.Tests;

/// <summary>
/// <see cref="StoreOptions.MaxRecordBytes"/>, <see cref="StoreOptions.MaxNestingDepth"/>, <see cref="StoreOptions.LockTimeout"/>,
/// <see cref="StoreOptions.MissingReferences"/> and <see cref="StoreOptions.DroppedMembers"/> reach the store from code and from appsettings.json, as every other
/// store option does; a configured value out of range or unparsable names its key.
/// </summary>
public sealed class StoreLimitConfigurationTests : HostBuilderTests
{
    [Fact]
    public async Task Appsettings_json_sets_the_limits_and_missing_reference_handling_of_the_store()
    {
        var directory = Folder.Combine("notes");
        await WriteAppsettingsAsync($$"""{ "Persistence": { "Uri": "{{directory}}", "MaxRecordBytes": "256", "MaxNestingDepth": 100, "LockTimeout": "00:00:05", "MissingReferences": "loadasnull", "DroppedMembers": "refuse" } }""");
        var builder = NewHostBuilder();
        builder.Services.AddPersistenceStore(builder.Configuration.GetSection("Persistence"));

        using var host = builder.Build();
        var store = Assert.IsType<FilesystemStore>(host.Services.GetRequiredService<IStore>());
        Assert.Equal(256, store.Options.MaxRecordBytes);
        Assert.Equal(100, store.Options.MaxNestingDepth);
        Assert.Equal(TimeSpan.FromSeconds(5), store.Options.LockTimeout);
        Assert.Equal(MissingReferenceHandling.LoadAsNull, store.Options.MissingReferences);
        Assert.Equal(DroppedMemberHandling.Refuse, store.Options.DroppedMembers);

        // The limit is the store's: a record over 256 bytes is refused, one under it saved.
        var error = Assert.Throws<InvalidOperationException>(() => store.Save(new Note { Text = new string('x', 300) }));
        Assert.Contains("StoreOptions.MaxRecordBytes, 256 bytes", error.Message);
        Assert.Empty(store.List());
        store.Save(new Note { Text = "short" });
        Assert.Single(store.List());
    }

    [Fact]
    public void Code_sets_the_limits_and_missing_reference_handling_of_the_store()
    {
        var services = new ServiceCollection().AddPersistenceStore($"sqlite://{Folder.Combine("notes.db")}", options =>
        {
            options.MaxRecordBytes = 1 << 20;
            options.MaxNestingDepth = 8;
            options.LockTimeout = Timeout.InfiniteTimeSpan;
            options.MissingReferences = MissingReferenceHandling.LoadAsNull;
            options.DroppedMembers = DroppedMemberHandling.Refuse;
        });
        using var provider = services.BuildServiceProvider();

        var store = Assert.IsType<SqliteStore>(provider.GetRequiredService<IStore>());
        Assert.Equal(1 << 20, store.Options.MaxRecordBytes);
        Assert.Equal(8, store.Options.MaxNestingDepth);
        Assert.Equal(Timeout.InfiniteTimeSpan, store.Options.LockTimeout);
        Assert.Equal(MissingReferenceHandling.LoadAsNull, store.Options.MissingReferences);
        Assert.Equal(DroppedMemberHandling.Refuse, store.Options.DroppedMembers);
    }

    [Fact]
    public void Without_settings_the_store_has_the_librarys_defaults()
    {
        using var provider = new ServiceCollection().AddPersistenceStore(Folder.Combine("notes")).BuildServiceProvider();

        var store = Assert.IsType<FilesystemStore>(provider.GetRequiredService<IStore>());
        Assert.Equal(StoreOptions.DefaultMaxRecordBytes, store.Options.MaxRecordBytes);
        Assert.Equal(StoreOptions.DefaultMaxNestingDepth, store.Options.MaxNestingDepth);
        Assert.Equal(TimeSpan.FromSeconds(30), store.Options.LockTimeout);
        Assert.Equal(MissingReferenceHandling.Throw, store.Options.MissingReferences);
        Assert.Equal(DroppedMemberHandling.Warn, store.Options.DroppedMembers);
    }

    [Theory]
    [InlineData("MaxRecordBytes", "64MiB", "a whole number of bytes from 15 to 1073741824")]
    [InlineData("MaxRecordBytes", "5", "a whole number of bytes from 15 to 1073741824")]
    [InlineData("MaxRecordBytes", "2147483648", "a whole number of bytes from 15 to 1073741824")]
    [InlineData("MaxNestingDepth", "0", "a whole number of levels from 1 to 256")]
    [InlineData("MaxNestingDepth", "deep", "a whole number of levels from 1 to 256")]
    [InlineData("MaxNestingDepth", "1000", "a whole number of levels from 1 to 256")]
    [InlineData("LockTimeout", "5", "a positive time such as 00:00:05 (hours:minutes:seconds), or Infinite")]
    [InlineData("LockTimeout", "00:00:00", "a positive time such as 00:00:05 (hours:minutes:seconds), or Infinite")]
    [InlineData("LockTimeout", "-00:00:05", "a positive time such as 00:00:05 (hours:minutes:seconds), or Infinite")]
    [InlineData("LockTimeout", "5s", "a positive time such as 00:00:05 (hours:minutes:seconds), or Infinite")]
    [InlineData("LockTimeout", "forever", "a positive time such as 00:00:05 (hours:minutes:seconds), or Infinite")]
    [InlineData("MissingReferences", "Ignore", "it must be Throw or LoadAsNull")]
    [InlineData("MissingReferences", "1", "it must be Throw or LoadAsNull")]
    [InlineData("MissingReferences", "Throw,LoadAsNull", "it must be Throw or LoadAsNull")]
    [InlineData("DroppedMembers", "Keep", "it must be Warn or Refuse")]
    [InlineData("DroppedMembers", "1", "it must be Warn or Refuse")]
    public void A_configured_value_out_of_range_or_unparsable_names_its_key_and_opens_nothing(string key, string value, string says)
    {
        var builder = NewHostBuilder(new()
        {
            ["Stores:Archive:Uri"] = Folder.Combine("store"),
            [$"Stores:Archive:{key}"] = value,
        });
        builder.Services.AddKeyedPersistenceStore("archive", builder.Configuration.GetSection("Stores:Archive"));
        using var host = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredKeyedService<IStore>("archive"));
        Assert.StartsWith($"The configuration value 'Stores:Archive:{key}' of the persistence store with the key 'archive' is '{value}'; ", error.Message, StringComparison.Ordinal);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder.Combine("store")));
    }

    [Theory]
    [InlineData("Infinite")]
    [InlineData("infinite")]
    [InlineData("-00:00:00.001")]
    public void A_configured_infinite_lock_timeout_waits_without_end(string value)
    {
        var builder = NewHostBuilder(new() { ["Persistence:Uri"] = Folder.Combine("store"), ["Persistence:LockTimeout"] = value });
        builder.Services.AddPersistenceStore(builder.Configuration.GetSection("Persistence"));
        using var host = builder.Build();

        var store = Assert.IsType<FilesystemStore>(host.Services.GetRequiredService<IStore>());
        Assert.Equal(Timeout.InfiniteTimeSpan, store.Options.LockTimeout);
    }

    [Fact]
    public void The_configured_lock_timeout_is_how_long_a_save_waits_for_a_lock_another_process_holds()
    {
        var directory = Folder.Combine("notes");
        var builder = NewHostBuilder(new() { ["Persistence:Uri"] = directory, ["Persistence:LockTimeout"] = "00:00:01" });
        builder.Services.AddPersistenceStore(builder.Configuration.GetSection("Persistence"));
        using var host = builder.Build();
        var store = host.Services.GetRequiredService<IStore>();
        var note = new Note { Text = "first" };
        store.Save(note);
        note.Text = "second";

        var watch = System.Diagnostics.Stopwatch.StartNew();
        using (LockHoldingProcess.Lock(Path.Join(directory, ".gc3-lock")))
        {
            var error = Assert.ThrowsAny<StoreException>(() => store.Save(note));
            Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
            Assert.Contains("for over 1 s", error.Message, StringComparison.Ordinal);
        }

        store.Save(note);
        store.InvalidateCache();
        Assert.Equal("second", store.Load<Note>(note.PersistentId!).Text);
    }

    [Fact]
    public void A_lock_timeout_of_zero_set_in_code_is_refused_naming_the_setting()
    {
        using var provider = new ServiceCollection()
            .AddPersistenceStore(Folder.Combine("store"), options => options.LockTimeout = TimeSpan.Zero)
            .BuildServiceProvider();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => provider.GetRequiredService<IStore>());
        Assert.Equal(nameof(StoreOptions.LockTimeout), error.ParamName);
        Assert.False(Directory.Exists(Folder.Combine("store")));
    }

    [Fact]
    public void A_limit_out_of_range_set_in_code_is_refused_naming_the_setting()
    {
        using var provider = new ServiceCollection()
            .AddPersistenceStore(Folder.Combine("store"), options => options.MaxNestingDepth = 0)
            .BuildServiceProvider();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => provider.GetRequiredService<IStore>());
        Assert.Equal(nameof(StoreOptions.MaxNestingDepth), error.ParamName);
        Assert.False(Directory.Exists(Folder.Combine("store")));
    }
}
