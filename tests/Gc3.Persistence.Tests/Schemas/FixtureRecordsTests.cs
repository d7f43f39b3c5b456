namespace Gc3.Persistence.Tests.Schemas;

/// <summary>
/// Tests on real records of an older version: each test works on its own copy of the files of one set of
/// fixture records (<c>Records/&lt;fixture&gt;/files</c>, written by <c>tests/Gc3.Persistence.SchemaFixtures.V1</c>).
/// </summary>
public abstract class FixtureRecordsTests : TemporaryDirectoryTests
{
    /// <param name="fixture">The set of records: <c>schema-v1</c>, <c>schema-v1-opaque</c>.</param>
    protected FixtureRecordsTests(string fixture)
        : base(fixture)
    {
        Folder.CopyIn(EvolvedFixtures.Records(fixture, "files"));
    }
}
