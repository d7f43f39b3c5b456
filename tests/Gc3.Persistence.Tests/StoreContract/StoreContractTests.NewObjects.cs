namespace Gc3.Persistence.Tests.StoreContract;

/// <summary>
/// Two saves that reach one new object at the same moment (two threads saving parents that share a new child):
/// the first gives it its ID and creates its record, the second fails whole with a ConcurrencyException. Before,
/// the second wrote the child under the first's ID without a version, and when the first then failed and took the
/// ID back, the next save gave the child a second record.
/// </summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task A_new_object_another_save_is_creating_fails_the_second_save_whole_and_is_stored_once()
    {
        var store = Open();
        var shared = new GatedPart { Name = "shared" };
        var first = new GatedPart { Name = "first", Partner = shared };
        var second = new GatedPart { Name = "second", Partner = shared };
        using var gate = new EncodingGate(shared);

        var firstSave = Task.Run(() => store.Save(first));
        gate.WaitUntilEncoding();
        var error = Assert.Throws<ConcurrencyException>(() => store.Save(second));
        gate.Resume();
        var firstId = await firstSave;

        Assert.Equal(shared.PersistentId, error.Id);
        Assert.Contains("another save, at this moment, is giving it its first ID", error.Message, StringComparison.Ordinal);
        Assert.Null(second.PersistentId); // nothing of the failed save stays, not even the ID it gave its root

        var secondId = store.Save(second);
        var fresh = Open();
        var partnerOfFirst = fresh.Load<GatedPart>(firstId).Partner;
        Assert.NotNull(partnerOfFirst);
        Assert.Same(partnerOfFirst, fresh.Load<GatedPart>(secondId).Partner);
        Assert.Equal(shared.PersistentId, partnerOfFirst.PersistentId);
    }

    [Fact]
    public async Task A_new_object_saved_by_two_threads_at_once_is_stored_once()
    {
        var store = Open();
        var shared = new GatedPart { Name = "alone" };
        using var gate = new EncodingGate(shared);

        var firstSave = Task.Run(() => store.Save(shared));
        gate.WaitUntilEncoding();
        var idDuringSave = shared.PersistentId;
        var error = Assert.Throws<ConcurrencyException>(() => store.Save(shared));
        gate.Resume();
        var id = await firstSave;

        Assert.Equal(id, idDuringSave);
        Assert.Equal(id, error.Id);
        shared.Name = "saved again";
        Assert.Equal(id, store.Save(shared)); // once the first save is done, the object is an ordinary saved one
        Assert.Equal("saved again", Open().Load<GatedPart>(id).Name);
    }

    // Holds the first save that encodes the part (reads its Name) until Resume.
    private sealed class EncodingGate : IDisposable
    {
        private static readonly TimeSpan Wait = TimeSpan.FromMinutes(1);
        private readonly ManualResetEventSlim _encoding = new();
        private readonly ManualResetEventSlim _resume = new();

        public EncodingGate(GatedPart part) => part.Reading = () =>
        {
            part.Reading = null;
            _encoding.Set();
            _resume.Wait(Wait);
        };

        public void WaitUntilEncoding() => Assert.True(_encoding.Wait(Wait), "no save encoded the part");

        public void Resume() => _resume.Set();

        public void Dispose()
        {
            _resume.Set();
            _encoding.Dispose();
            _resume.Dispose();
        }
    }
}
