using Gc3.Persistence.Serialization;

namespace Gc3.Persistence.Tests;

/// <summary>
/// Issue 15 §2 on the file store: its schemas are files <c>.gc3-schemas/&lt;hash&gt;.json</c>, written before the
/// records that name them; files there that are not schemas are left alone, and a damaged one is an error only
/// where its schema is needed.
/// </summary>
public sealed class FileStoreSchemaTests() : TemporaryDirectoryTests("file-schemas")
{
    private static PersistableSerializer Job => PersistableRegistry.TryGet(typeof(Job), out var s) ? s : throw new InvalidOperationException();

    private static PersistableSerializer Executable => PersistableRegistry.TryGet(typeof(Executable), out var s) ? s : throw new InvalidOperationException();

    [Fact]
    public void A_save_writes_one_file_per_schema_named_by_its_hash_with_the_documents_bytes()
    {
        using var store = new FilesystemStore(Folder.Path);
        store.Save(Samples.Job("a"));
        store.Save(Samples.Job("b"));

        var folder = Folder.Combine(FilesystemStore.SchemaFolderName);
        var names = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { Job.SchemaHash, Executable.SchemaHash }.Select(h => $"{h:x16}.json").Order(StringComparer.Ordinal), names);
        Assert.Equal(Job.SchemaDocument, File.ReadAllText(store.SchemaPathOf(Job.SchemaHash)));

        // The schema folder is no record: listing and loading see the records only.
        Assert.Equal(4, store.List().Count);
        Assert.Equal("a", new FilesystemStore(Folder.Path).Load<Job>(store.List().First(id => id.Prefix == "Job")).Name);
    }

    [Fact]
    public async Task Files_in_the_schema_folder_that_are_no_schemas_are_left_alone()
    {
        var folder = Directory.CreateDirectory(Folder.Combine(FilesystemStore.SchemaFolderName)).FullName;
        File.WriteAllText(Path.Combine(folder, "README.txt"), "notes");
        File.WriteAllText(Path.Combine(folder, "not-a-hash.json"), "{}");
        Directory.CreateDirectory(Path.Combine(folder, "sub"));

        using var store = new FilesystemStore(Folder.Path);
        var id = store.Save(Samples.Job("a"));

        Assert.Equal("a", new FilesystemStore(Folder.Path).Load<Job>(id).Name);
        Assert.Equal(2, (await ((ISchemaStore)store).ReadSchemasAsync()).Count);
        Assert.Equal("notes", File.ReadAllText(Path.Combine(folder, "README.txt")));
    }

    [Fact]
    public void Opening_the_store_removes_schema_temporaries_a_killed_save_left_long_ago_and_nothing_else()
    {
        using (var writer = new FilesystemStore(Folder.Path))
        {
            writer.Save(Samples.Job("a"));
        }

        // What a save killed between writing a schema's temporary file and renaming it leaves (named as the writer
        // names it), two hours old; one as old that is no temporary; and one being written by a live save now.
        var folder = Folder.Combine(FilesystemStore.SchemaFolderName);
        var abandoned = Path.Combine(folder, $".{Job.SchemaHash:x16}.{Guid.NewGuid():N}.tmp");
        var recent = Path.Combine(folder, $".{Executable.SchemaHash:x16}.{Guid.NewGuid():N}.tmp");
        var notes = Path.Combine(folder, "notes.tmp");
        File.WriteAllText(abandoned, Job.SchemaDocument[..10]);
        File.WriteAllText(recent, Executable.SchemaDocument[..10]);
        File.WriteAllText(notes, "someone else's");
        var schemas = Directory.GetFiles(folder, "*.json");
        foreach (var old in (string[])[abandoned, notes, .. schemas])
        {
            File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-2));
        }

        using var store = new FilesystemStore(Folder.Path);

        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(notes));
        Assert.Equal(2, schemas.Length);
        Assert.All(schemas, schema => Assert.True(File.Exists(schema)));
        Assert.Equal("a", store.Load<Job>(store.List().First(id => id.Prefix == "Job")).Name);
    }

    [Fact]
    public async Task A_damaged_schema_file_is_an_error_naming_it_only_where_its_schema_is_needed()
    {
        using (var writer = new FilesystemStore(Folder.Path))
        {
            writer.Save(Samples.Job("a"));
        }

        var damaged = new FilesystemStore(Folder.Path).SchemaPathOf(Job.SchemaHash);
        File.WriteAllText(damaged, Job.SchemaDocument.Replace("\"Name\"", "\"Nom\"", StringComparison.Ordinal));

        // Other schemas and the records are unaffected; listing the schemas leaves the damaged one out.
        using var store = new FilesystemStore(Folder.Path);
        Assert.Equal([Executable.SchemaHash], (await ((ISchemaStore)store).ReadSchemasAsync()).Select(s => s.Hash));
        Assert.True(store.TryGetWriterSchema(Executable.SchemaHash, out var document));
        Assert.Equal(Executable.SchemaDocument, document);
        Assert.False(store.TryGetWriterSchema(0x1234, out _));

        // Asked for by its hash (a load of a record it wrote), it is an error that names the file.
        var error = Assert.Throws<InvalidDataException>(() => store.TryGetWriterSchema(Job.SchemaHash, out _));
        Assert.Contains(damaged, error.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);

        // A save of that type by a store that does not know the schema yet writes it again.
        using (var repair = new FilesystemStore(Folder.Path))
        {
            repair.Save(Samples.Job("b"));
        }

        Assert.Equal(Job.SchemaDocument, File.ReadAllText(damaged));
        Assert.True(new FilesystemStore(Folder.Path).TryGetWriterSchema(Job.SchemaHash, out var repaired));
        Assert.Equal(Job.SchemaDocument, repaired);
    }

    [Theory]
    [InlineData("altered")]
    [InlineData("cut short")]
    [InlineData("no JSON")]
    [InlineData("empty")]
    public async Task A_save_puts_back_a_damaged_schema_file_and_a_reader_decodes_its_records(string damage)
    {
        Id first;
        using (var writer = new FilesystemStore(Folder.Path))
        {
            first = writer.Save(new Job { Name = "first" });
        }

        var path = new FilesystemStore(Folder.Path).SchemaPathOf(Job.SchemaHash);
        File.WriteAllText(path, damage switch
        {
            "altered" => Job.SchemaDocument.Replace("\"members\"", "\"membres\"", StringComparison.Ordinal),
            "cut short" => Job.SchemaDocument[..40],
            "no JSON" => "not a schema",
            _ => "",
        });

        var log = new CapturingLoggerFactory(Microsoft.Extensions.Logging.LogLevel.Warning);
        Id second;
        using (var saving = new FilesystemStore(Folder.Path, new StoreOptions { LoggerFactory = log }))
        {
            second = saving.Save(new Job { Name = "second" }); // a store that does not know the schema yet
        }

        // A reader without the types finds the schema the records name and decodes them by it.
        using var reader = new FilesystemStore(Folder.Path);
        Assert.Contains("\"Name\":\"second\"", await DecodeAsync(reader, second), StringComparison.Ordinal);
        Assert.Contains("\"Name\":\"first\"", await DecodeAsync(reader, first), StringComparison.Ordinal);
        Assert.Equal(Job.SchemaDocument, File.ReadAllText(path));

        var warning = Assert.Single(log.Entries);
        Assert.Equal(StoreLogEvents.SchemaRepaired, warning.Event);
        Assert.Contains(path, warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_is_in_place_before_the_record_that_names_it()
    {
        // The schema folder cannot be made (a file stands there): the save fails and writes no record.
        File.WriteAllText(Folder.Combine(FilesystemStore.SchemaFolderName), "in the way");
        using var store = new FilesystemStore(Folder.Path);

        Assert.ThrowsAny<IOException>(() => store.Save(Samples.Executable()));
        Assert.Empty(store.List());
    }

    [Fact]
    public void Version_1_records_without_a_schema_still_load()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Records", "v1-all-members")))
        {
            File.Copy(file, Folder.Combine(Path.GetFileName(file)));
        }

        using var store = new FilesystemStore(Folder.Path);
        var ids = store.List();
        Assert.NotEmpty(ids);
        Assert.All(ids, id => Assert.NotNull(store.Load(id)));
        Assert.False(Directory.Exists(Folder.Combine(FilesystemStore.SchemaFolderName))); // loading writes nothing
    }

    // The record as JSON, decoded by the schema it names as the store keeps it.
    private static async Task<string> DecodeAsync(FilesystemStore reader, Id id)
    {
        var record = (await ((IRecordStore)reader).ReadRawRecordAsync(id))!.Data.ToArray();
        var hash = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(5));
        var schema = Assert.Single(await ((ISchemaStore)reader).ReadSchemasAsync(), s => s.Hash == hash);
        using var output = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(output))
        {
            RecordJson.WriteRecord(json, SchemaDocument.Parse(schema.Document), record);
        }

        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }
}
