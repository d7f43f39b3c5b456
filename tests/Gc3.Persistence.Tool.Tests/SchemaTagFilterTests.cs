using Gc3.Persistence.Sqlite;
using Gc3.Persistence.TestModel;

namespace Gc3.Persistence.Tool.Tests;

/// <summary>
/// <c>gc3p schema TAG</c> picks schemas by the tag their document gives, the one every decoding of records reads, not by
/// a SQL store's <c>tag</c> column: a column altered by hand must neither hide a schema from its tag nor show it under another.
/// </summary>
public sealed class SchemaTagFilterTests() : TemporaryDirectoryTests("gc3p-schema-tag")
{
    [Fact]
    public void A_schema_whose_tag_column_disagrees_with_its_document_is_found_by_the_documents_tag()
    {
        var path = Folder.Combine("store.db");
        using (var writer = new SqliteStore(path))
        {
            writer.Save(new Job { Name = "kept" });
        }

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE store_schema SET tag = 'altered' WHERE tag = 'test.job'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var uri = "sqlite://" + path;
        var found = Processes.Gc3p("schema", uri, "test.job").EnsureSuccess();
        Assert.StartsWith("test.job  schema ", found.Lines[0], StringComparison.Ordinal);
        Assert.Contains(found.Lines, line => line.StartsWith("Name ", StringComparison.Ordinal));

        var json = Processes.Gc3p("schema", uri, "test.job", "--json").EnsureSuccess();
        var schema = JsonDocument.Parse(Assert.Single(json.Lines)).RootElement;
        Assert.Equal("test.job", schema.GetProperty("tag").GetString());
        Assert.Equal("test.job", schema.GetProperty("document").GetProperty("tag").GetString());

        var altered = Processes.Gc3p("schema", uri, "altered");
        Assert.True(altered.ExitCode == 1, altered.ToString());
        Assert.Contains("keeps no writer schema of the tag 'altered'", altered.Error, StringComparison.Ordinal);
    }
}
