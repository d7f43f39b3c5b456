using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Tests;

/// <summary>
/// A logger of the application's that throws while a save that wrote its records logs what it did (here the warning
/// of a record written without members its class lacks): the exception reaches the caller, and the save lets go of
/// the new objects it claimed. Before, their claims stayed, and every later save of them failed, forever, with a
/// ConcurrencyException saying that another save was giving them their first ID.
/// </summary>
public sealed partial class UserCodeFailureTests
{
    [Fact]
    public async Task A_logger_that_throws_after_a_save_wrote_leaves_no_new_object_claimed()
    {
        Id id;
        using (var writer = new FilesystemStore(_folder.Path))
        {
            id = writer.Save(new Wider { Name = "wide", Extra = 5 });
        }

        var path = Directory.GetFiles(_folder.Path, $"*{id}*", SearchOption.AllDirectories).Single();
        File.WriteAllBytes(path, RecordEditing.WithTag(File.ReadAllBytes(path), "test.narrower"));

        using var store = new FilesystemStore(_folder.Path, new StoreOptions { LoggerFactory = new WarningThrowingLoggerFactory() });
        var narrower = store.Load<Narrower>(id);
        narrower.Title = "narrow";
        var added = new Holder { Name = "added" };
        var e = Assert.Throws<InvalidOperationException>(() => store.SaveMany([narrower, added]));
        Assert.Equal(WarningThrowingLoggerFactory.Refusal, e.Message);

        var addedId = added.PersistentId!;
        added.Name = "again";
        Assert.Equal(addedId, await Task.Run(() => store.Save(added)));
        using var fresh = new FilesystemStore(_folder.Path);
        Assert.Equal("again", fresh.Load<Holder>(addedId).Name);
        Assert.Equal("narrow", fresh.Load<Narrower>(id).Title);
    }

    // Loggers that throw on every warning, as a provider that cannot write its log may.
    private sealed class WarningThrowingLoggerFactory : ILoggerFactory, ILogger
    {
        public const string Refusal = "the log cannot be written";

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => throw new InvalidOperationException(Refusal);
    }
}
