using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tests.StoreContract;

/// <summary>
/// <see cref="IStore.TryLoad{T}"/> tells absence from damage: it gives <see langword="false"/> only when no record is stored
/// under the ID, and a load of a missing record throws <see cref="RecordNotFoundException"/>, while a record that is there
/// but cannot be read throws another <see cref="LoadException"/>. An application that makes a fresh object when a record
/// is missing must never overwrite a damaged one.
/// </summary>
public abstract partial class StoreContractTests
{
    /// <summary>Changes one byte of the record stored under <paramref name="id"/>, past the store (its file, its row).</summary>
    protected abstract void DamageRecord(Id id);

    [Fact]
    public async Task TryLoad_gives_the_object_of_a_record_and_nothing_for_an_id_without_one()
    {
        var job = Samples.Job("present");
        var id = Open().Save(job);
        var store = Open();
        var absent = new Id(id.Prefix, id.SeqNo + 1_000);

        Assert.True(store.TryLoad<Job>(id, out var loaded));
        Samples.AssertSameJob(job, loaded);
        Assert.Same(loaded, store.Load<Job>(id)); // one instance per ID, as Load gives
        Assert.Same(loaded, await store.TryLoadAsync<Job>(id));

        Assert.False(store.TryLoad<Job>(absent, out var none));
        Assert.Null(none);
        Assert.Null(await store.TryLoadAsync<Job>(absent));
        Assert.False(store.TryLoad<object>(absent, out _));

        store.Remove(id);
        Assert.False(Open().TryLoad<Job>(id, out _));
        Assert.Null(await store.TryLoadAsync<Job>(id));
    }

    [Fact]
    public async Task TryLoad_throws_when_a_record_the_object_refers_to_is_missing()
    {
        var job = Samples.Job("orphaned");
        var id = Open().Save(job);
        var executableId = job.Executable!.PersistentId!;
        Open().Remove(executableId);

        // The job's record is there: its graph is not whole, which is not the absence TryLoad answers.
        var missing = Assert.Throws<RecordNotFoundException>(() => Open().TryLoad<Job>(id, out _));
        Assert.Equal(executableId, missing.Id);
        Assert.Equal(id, missing.ReferencedFrom);
        var missingAsync = await Assert.ThrowsAsync<RecordNotFoundException>(() => Open().TryLoadAsync<Job>(id));
        Assert.Equal(id, missingAsync.ReferencedFrom);

        // Unless the store loads missing references as null, as Load then does.
        using var lenient = StoreFactory.Make(StoreUri, new StoreOptions { MissingReferences = MissingReferenceHandling.LoadAsNull });
        Assert.True(lenient.TryLoad<Job>(id, out var loaded));
        Assert.Null(loaded.Executable);
    }

    [Fact]
    public async Task TryLoad_of_a_damaged_record_throws_and_leaves_it_as_it_was()
    {
        var id = Open().Save(Samples.Job("damaged"));
        DamageRecord(id);
        var damaged = RecordBytes(id);

        var sync = Assert.Throws<LoadException>(() => Open().TryLoad<Job>(id, out _));
        var async = await Assert.ThrowsAsync<LoadException>(() => Open().TryLoadAsync<Job>(id));

        Assert.IsNotType<RecordNotFoundException>(sync);
        Assert.IsNotType<RecordNotFoundException>(async);
        Assert.Contains("corrupt", sync.Message, StringComparison.Ordinal);
        Assert.Equal(damaged, RecordBytes(id));
    }

    [Fact]
    public void TryLoad_of_a_record_of_another_type_throws()
    {
        var id = Open().Save(Samples.Executable());

        var wrongType = Assert.Throws<LoadException>(() => Open().TryLoad<Job>(id, out _));

        Assert.IsNotType<RecordNotFoundException>(wrongType);
        Assert.Contains(typeof(Executable).FullName!, wrongType.Message, StringComparison.Ordinal);
    }
}
