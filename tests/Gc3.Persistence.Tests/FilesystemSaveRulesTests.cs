namespace Gc3.Persistence.Tests;

/// <summary>The save rules of issue 13 on file stores, one directory per place.</summary>
public sealed class FilesystemSaveRulesTests : SaveRulesTests
{
    private readonly TemporaryDirectory _directory = new("file-save-rules");

    protected override string UriOf(string place) => "file://" + _directory.Combine(place);

    protected override string CollectionOf(string place) => place;

    public override void Dispose()
    {
        base.Dispose();
        _directory.Dispose();
    }
}
