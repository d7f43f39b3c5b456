using Gc3.Persistence.Engine;
using Gc3.Persistence.Records;

namespace Gc3.Persistence.Testing;

/// <summary>Every writing operation of a store, asked of one opened with <see cref="StoreOptions.ReadOnly"/>.</summary>
public static class ReadOnlyWrites
{
    /// <summary>
    /// Every write there is, each named, asked of <paramref name="store"/> with <paramref name="loaded"/> (an object it loaded
    /// from <paramref name="loadedId"/>, changed by the caller) and new objects <paramref name="fresh"/> makes (the first is
    /// <paramref name="newOne"/>). <paramref name="writable"/> is a store of another place holding records and schemas, for a
    /// copy into <paramref name="store"/>.
    /// </summary>
    public static (string Name, Action Write)[] Of(StoreBase store, object loaded, Id loadedId, object newOne, Func<object> fresh, IRecordStore writable)
    {
        var raw = store.ReadRawRecordAsync(loadedId).GetAwaiter().GetResult() ?? throw new InvalidOperationException($"{loadedId} has no record");
        var schemas = store.ReadSchemasAsync().GetAwaiter().GetResult();
        return new (string Name, Action Write)[]
        {
            ("Save of a new object", () => store.Save(newOne)),
            ("Save of a loaded, changed object", () => store.Save(loaded)),
            ("SaveMany", () => store.SaveMany([fresh(), fresh()])),
            ("Replace", () => store.Replace(loadedId, fresh())),
            ("Import", () => store.Import(fresh())),
            ("Remove", () => store.Remove(loadedId)),
            ("RemoveMany", () => store.RemoveMany([loadedId])),
            ("SaveAsync", () => store.SaveAsync(fresh()).GetAwaiter().GetResult()),
            ("SaveManyAsync", () => store.SaveManyAsync([fresh()]).GetAwaiter().GetResult()),
            ("ReplaceAsync", () => store.ReplaceAsync(loadedId, fresh()).GetAwaiter().GetResult()),
            ("ImportAsync", () => store.ImportAsync(fresh()).GetAwaiter().GetResult()),
            ("RemoveAsync", () => store.RemoveAsync(loadedId).GetAwaiter().GetResult()),
            ("RemoveManyAsync", () => store.RemoveManyAsync([loadedId]).GetAwaiter().GetResult()),
            ("BeginTransaction", () => store.BeginTransaction().Dispose()),
            ("a new ID", () => store.IdFactory.New("Job")),
            ("WriteRawRecordsAsync", () => store.WriteRawRecordsAsync([raw with { Id = new Id(loadedId.Prefix, loadedId.SeqNo + 1000) }]).GetAwaiter().GetResult()),
            ("MoveIdCounterPastAsync", () => store.MoveIdCounterPastAsync(1_000_000).GetAwaiter().GetResult()),
            ("WriteSchemasAsync", () => store.WriteSchemasAsync(schemas).GetAwaiter().GetResult()),
            ("StoreCopy into it", () => StoreCopy.CopyAsync(writable, store).GetAwaiter().GetResult()),
        };
    }
}
