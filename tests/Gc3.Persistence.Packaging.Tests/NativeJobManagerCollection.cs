namespace Gc3.Persistence.Packaging.Tests;

/// <summary>The tests that share one native publish.</summary>
[CollectionDefinition(Name)]
public sealed class NativeJobManagerCollection : ICollectionFixture<NativeJobManagerFixture>
{
    public const string Name = "Native job manager";
}
