using System.Text;
using Gc3.Persistence.Engine;
using Gc3.Persistence.Schemas;
using Microsoft.Extensions.Logging;

namespace Gc3.Persistence.Files;

/// <summary>
/// The file store's writer schemas (issue 15): one file per schema, <c>.gc3-schemas/&lt;hash&gt;.json</c> (the hash as
/// 16 lowercase hexadecimal digits), holding the document's exact UTF-8 bytes. Each is written as a temporary file
/// and renamed into place, flushed when the store is durable, before the first record that names it.
/// </summary>
public sealed partial class FilesystemStore
{
    /// <summary>The folder of the store's writer schemas; like every name starting with '.', no record.</summary>
    public const string SchemaFolderName = ".gc3-schemas";

    private const string SchemaRole = "the schema file";

    private string SchemaFolder => Path.Join(Directory, SchemaFolderName);

    /// <summary>The path of the file that keeps the schema with <paramref name="hash"/>.</summary>
    public string SchemaPathOf(ulong hash) => Path.Join(SchemaFolder, StoredSchema.HashTextOf(hash) + ".json");

    /// <inheritdoc/>
    protected override ValueTask<IReadOnlyList<StoredSchema>> ReadStoredSchemasAsync(bool async, CancellationToken cancellationToken)
    {
        var schemas = new List<StoredSchema>();
        if (!SchemaFolderExists())
        {
            return ValueTask.FromResult<IReadOnlyList<StoredSchema>>(schemas);
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(SchemaFolder, "*.json"))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!TryParseHash(Path.GetFileNameWithoutExtension(path), out var hash))
            {
                continue; // not a schema file's name: someone else's file
            }

            // A damaged file is an error only for the records that need it (on load); listing goes on without it.
            if (ReadSchemaFile(path, hash, out var problem) is { } schema)
            {
                schemas.Add(schema);
            }
            else
            {
                Logger.LogWarning(StoreLogEvents.Skipped, "Skipping the schema file {Path}: {Problem}.", path, problem);
            }
        }

        return ValueTask.FromResult<IReadOnlyList<StoredSchema>>(schemas);
    }

    /// <inheritdoc/>
    protected override ValueTask<StoredSchema?> ReadStoredSchemaAsync(ulong hash, bool async, CancellationToken cancellationToken)
    {
        var path = SchemaPathOf(hash);
        try
        {
            if (!SchemaFolderExists() || !File.Exists(path))
            {
                return ValueTask.FromResult<StoredSchema?>(null);
            }
        }
        catch (IOException e)
        {
            throw new InvalidDataException($"The schema file '{path}' cannot be read: {e.Message}", e);
        }

        return ValueTask.FromResult<StoredSchema?>(
            ReadSchemaFile(path, hash, out var problem) ?? throw new InvalidDataException($"The schema file '{path}' is damaged: {problem}."));
    }

    /// <inheritdoc/>
    protected override ValueTask WriteStoredSchemasAsync(IReadOnlyList<StoredSchema> schemas, bool async, CancellationToken cancellationToken)
        => WriteSchemaFilesAsync(schemas, async, cancellationToken);

    private async ValueTask WriteSchemasThenRecordsAsync(IReadOnlyList<StoredSchema> schemas, IReadOnlyList<PendingRecord> records, bool async, CancellationToken cancellationToken)
    {
        await WriteSchemaFilesAsync(schemas, async, cancellationToken).ConfigureAwait(false);
        SchemasKept(schemas);
        await WriteRecordsAsync(records, async, cancellationToken).ConfigureAwait(false);
    }

    // Each schema file not there yet (or damaged) is written and renamed into place; the folder is flushed after.
    private async ValueTask WriteSchemaFilesAsync(IReadOnlyList<StoredSchema> schemas, bool async, CancellationToken cancellationToken)
    {
        var folder = SchemaFolder;
        if (!SchemaFolderExists())
        {
            System.IO.Directory.CreateDirectory(folder);
            FlushDirectoryIfDurable(); // the folder's name, in the store's directory
        }

        var wrote = false;
        foreach (var schema in schemas)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = SchemaPathOf(schema.Hash);
            var bytes = Encoding.UTF8.GetBytes(schema.Document);
            if (File.Exists(path))
            {
                if (ReadSchemaFile(path, schema.Hash, out var problem) is { } existing)
                {
                    if (existing.Document == schema.Document)
                    {
                        continue;
                    }

                    throw new InvalidDataException($"The schema file '{path}' holds another schema with the same hash as the one of '{schema.Tag}' (a hash collision); nothing was saved.");
                }

                Logger.LogWarning(StoreLogEvents.SchemaRepaired, "Replacing the damaged schema file {Path} ({Problem}) with the schema of {Tag}.", path, problem, schema.Tag);
            }

            var temporary = Path.Join(folder, $".{StoredSchema.HashTextOf(schema.Hash)}.{Guid.NewGuid():N}.tmp");
            await WriteFileAsync(temporary, path, bytes, SchemaRole, state: 0, static (_, _, temporary, path) =>
            {
                File.Move(temporary, path, overwrite: true);
                return false;
            }, async, cancellationToken).ConfigureAwait(false);
            wrote = true;
        }

        if (wrote && Options.Durable && OperatingSystem.IsLinux())
        {
            LinuxFiles.FlushDirectory(folder);
        }
    }

    // The temporaries of schema files that a killed save left (.HASH.GUID.tmp), removed as the records' are. A link or
    // a file where the folder should be, or a folder that cannot be read, is left for a save or a load to name.
    private void RemoveAbandonedSchemaTemporaries()
    {
        try
        {
            if (SchemaFolderExists())
            {
                RemoveAbandonedTemporaries(SchemaFolder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Logger.LogWarning("Not looking for abandoned temporary files in the schema folder {Path}: {Problem}", SchemaFolder, e.Message);
        }
    }

    // The schema folder, refused when something else stands there: a link could lead a save's writes outside the store.
    private bool SchemaFolderExists()
    {
        var folder = SchemaFolder;
        var kind = LinuxFiles.Available
            ? LinuxFiles.KindOf(folder, "the schema folder")
            : new DirectoryInfo(folder) is { Exists: true, LinkTarget: null } ? LinuxFiles.Kind.Directory
            : new FileInfo(folder) is { LinkTarget: not null } ? LinuxFiles.Kind.SymbolicLink
            : File.Exists(folder) ? LinuxFiles.Kind.Regular : LinuxFiles.Kind.Missing;
        return kind switch
        {
            LinuxFiles.Kind.Missing => false,
            LinuxFiles.Kind.Directory => true,
            LinuxFiles.Kind.SymbolicLink => throw new IOException($"The schema folder '{folder}' is a symbolic link: a file store never follows one, which could lead outside its directory."),
            _ => throw new IOException($"The schema folder '{folder}' is not a directory: a file store keeps its schemas there."),
        };
    }

    // The schema in a file, checked against the hash its name gives; null (and why) when it is damaged. The file is
    // opened as records are, so a FIFO, a device or a link (to /dev/zero, say) there is refused, never read.
    private StoredSchema? ReadSchemaFile(string path, ulong hash, out string problem)
    {
        byte[] bytes;
        try
        {
            using var file = _reader.Open(path, async: false, out var length, SchemaRole);
            if (length > StoredSchema.MaxDocumentBytes)
            {
                problem = $"it is {StoredSchema.TooLong(length)}";
                return null;
            }

            bytes = new byte[length];
            var read = 0;
            while (read < bytes.Length && RandomAccess.Read(file, bytes.AsSpan(read), read) is var n and > 0)
            {
                read += n;
            }

            bytes = bytes[..read]; // shorter if it shrank meanwhile: then its hash tells
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"it could not be read ({e.Message})";
            return null;
        }

        if (StoredSchema.HashOf(bytes) != hash)
        {
            problem = $"its content does not hash to {StoredSchema.HashTextOf(hash)}, the hash its name gives";
            return null;
        }

        string document;
        try
        {
            document = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            problem = "it is not UTF-8 text";
            return null;
        }

        if (StoredSchema.TagOf(bytes) is not { } tag)
        {
            problem = "it is not a schema document (no tag)";
            return null;
        }

        problem = "";
        return new StoredSchema(hash, tag, document);
    }

    private static bool TryParseHash(string name, out ulong hash)
    {
        hash = 0;
        return name.Length == 16
            && name.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            && ulong.TryParse(name, System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out hash);
    }
}
