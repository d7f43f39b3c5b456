using Gc3.Persistence.Files;

namespace Gc3.Persistence.Tool;

/// <summary>
/// Whether a file store's folder holds a store at all. A folder of other files (a wrong path, a home folder given by
/// mistake) opens as a store of no records, which <c>verify</c> would call clean: gc3p refuses it instead, naming a few
/// of the files it holds. An empty folder is a store nothing was saved in yet (opening a store creates no file).
/// </summary>
internal static class FileStoreFolder
{
    // Every file and folder a store makes starts so: .gc3-next-id, .gc3-lock, .gc3-schemas, .gc3-journal.
    private const string StoreFilePrefix = ".gc3-";
    private const int NamesShown = 3;

    /// <summary>Whether <paramref name="store"/>'s folder holds nothing at all.</summary>
    public static bool IsEmpty(FilesystemStore store) => !Directory.EnumerateFileSystemEntries(store.Directory).Any();

    /// <summary>
    /// Refuses a folder that holds entries but neither a record (a name that is an ID) nor a file of a store: one line naming
    /// the folder and a few of its entries.
    /// </summary>
    public static void EnsureHoldsStore(FilesystemStore store)
    {
        var others = new List<string>(NamesShown);
        long count = 0;
        foreach (var entry in Directory.EnumerateFileSystemEntries(store.Directory))
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith(StoreFilePrefix, StringComparison.Ordinal) || Id.TryParse(name, out _))
            {
                return;
            }

            if (others.Count < NamesShown)
            {
                others.Add($"'{name}'");
            }

            count++;
        }

        if (count > 0)
        {
            var entries = count == 1 ? "its one entry is not" : string.Create(CultureInfo.InvariantCulture, $"none of its {count:N0} entries is");
            var shown = string.Join(", ", others) + (count > NamesShown ? ", ..." : "");
            throw new ToolException(
                $"The folder '{store.Directory}' holds no file store: {entries} a record or a store's file ({FilesystemStore.CounterFileName}, "
                + $"{FilesystemStore.SchemaFolderName}, ...); it holds {shown}. Is it the store's folder?");
        }
    }
}
