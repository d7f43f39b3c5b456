using System.ComponentModel;
using System.Runtime.InteropServices;
using MemoryPack;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// Writes a <c>List&lt;string&gt;</c> or <c>Dictionary&lt;string, string&gt;</c> member of a generated
/// serializer in the bytes MemoryPack's own formatters write (a test compares them), so its
/// formatters still read them (a string holding a lone surrogate in UTF-16, see <see cref="Utf16Text"/>).
/// Each string through a formatter costs a generic virtual call, the
/// slowest kind .NET has, because the writer's type is a type argument: here each is a direct call.
/// Not meant to be called by hand.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StringCollections
{
    /// <summary>Writes <paramref name="list"/> as MemoryPack's <c>ListFormatter&lt;string&gt;</c> does.</summary>
    public static void Write(ref MemoryPackWriter<RecordBuffer> writer, List<string?>? list)
    {
        if (list is null)
        {
            writer.WriteNullCollectionHeader();
            return;
        }

        var items = CollectionsMarshal.AsSpan(list);
        writer.WriteCollectionHeader(items.Length);
        foreach (var item in items)
        {
            Utf16Text.Write(ref writer, item);
        }
    }

    /// <summary>Writes <paramref name="dictionary"/> as MemoryPack's <c>DictionaryFormatter&lt;string, string&gt;</c> does.</summary>
    public static void Write(ref MemoryPackWriter<RecordBuffer> writer, Dictionary<string, string?>? dictionary)
    {
        if (dictionary is null)
        {
            writer.WriteNullCollectionHeader();
            return;
        }

        writer.WriteCollectionHeader(dictionary.Count);
        foreach (var (key, value) in dictionary)
        {
            Utf16Text.Write(ref writer, key);
            Utf16Text.Write(ref writer, value);
        }
    }
}
