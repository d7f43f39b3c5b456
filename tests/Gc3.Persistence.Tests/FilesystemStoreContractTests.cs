namespace Gc3.Persistence.Tests;

/// <summary>The generic store suite on a <see cref="FilesystemStore"/> in a fresh directory.</summary>
public sealed class FilesystemStoreContractTests : StoreContractTests
{
    private readonly TemporaryDirectory _directory = new("file-contract");

    protected override string StoreUri => "file://" + _directory.Path;

    protected override byte[] RecordBytes(Id id) => File.ReadAllBytes(_directory.Combine(id.ToString()));

    protected override void DamageRecord(Id id)
    {
        var path = _directory.Combine(id.ToString());
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
    }

    // 4 processes, as on the SQL stores (issue 14 §6): no duplicate ID, no lost record.
    protected override (int Processes, int ObjectsEach) ConcurrentWriters => (4, 500);

    public override void Dispose()
    {
        base.Dispose();
        _directory.Dispose();
    }
}
