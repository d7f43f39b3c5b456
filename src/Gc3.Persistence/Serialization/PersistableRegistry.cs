using System.Collections.Frozen;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using MemoryPack;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// Every persistable type the application can load, by tag and by CLR type. Generated module
/// initializers fill it at start-up, so a load never needs reflection or an assembly scan, and only
/// registered types can ever be created from a record.
/// </summary>
public static class PersistableRegistry
{
    private static readonly Lock Gate = new();
    private static FrozenDictionary<string, PersistableSerializer> s_byTag = FrozenDictionary<string, PersistableSerializer>.Empty;
    private static FrozenDictionary<Type, PersistableSerializer> s_byType = FrozenDictionary<Type, PersistableSerializer>.Empty;
    private static FrozenDictionary<byte[], PersistableSerializer>.AlternateLookup<ReadOnlySpan<byte>> s_byTagUtf8 = IndexByTagUtf8([]);
    private static readonly Dictionary<string, string> TagConflicts = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, PersistableSerializer> PendingByTag = new(StringComparer.Ordinal);
    private static readonly Dictionary<Type, PersistableSerializer> PendingByType = [];

    // MemoryPack 1.21.4 reads a BigInteger back as 0, an absolute file Uri ("/tmp/1") as a relative one and a culture with
    // formats of its own as the culture of its name: these formatters replace its own, for the whole process, before any
    // persistable type is registered.
    static PersistableRegistry()
    {
        MemoryPackFormatterProvider.Register(new BigIntegerFormatter());
        MemoryPackFormatterProvider.Register(new ExactUriFormatter());
        MemoryPackFormatterProvider.Register(new ExactCultureFormatter());
    }

    /// <summary>Registers a generated serializer. Called by generated code; registering a type twice is harmless.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register(PersistableSerializer serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        lock (Gate)
        {
            if (PendingByType.Count == 0)
            {
                // Every string MemoryPack's formatters read inside a record is checked against the bytes that remain.
                MemoryPackFormatterProvider.Register(CheckedStringFormatter.Instance);
            }

            if (PendingByType.ContainsKey(serializer.Type))
            {
                return;
            }

            PendingByType[serializer.Type] = serializer;
            if (PendingByTag.TryGetValue(serializer.Tag, out var other) && other.Type != serializer.Type)
            {
                // Both types stay registered by CLR type; the tag itself becomes unusable, loudly, rather
                // than letting the registration order decide what old records load as.
                TagConflicts[serializer.Tag] =
                    $"the type tag '{serializer.Tag}' is used by both {other.Type.FullName} and {serializer.Type.FullName}; give one of them another tag with [Persistable(\"...\")]";
            }
            else
            {
                PendingByTag[serializer.Tag] = serializer;
            }

            s_byTag = PendingByTag.ToFrozenDictionary(StringComparer.Ordinal);
            s_byTagUtf8 = IndexByTagUtf8(PendingByTag.Values);
            s_byType = PendingByType.ToFrozenDictionary();
        }
    }

    /// <summary>
    /// Registers a generated serializer and, unless the type has one already, the MemoryPack formatter that
    /// writes references to <typeparamref name="T"/> (its tag and ID). Called by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void Register<T>(PersistableSerializer serializer)
        where T : class
    {
        Register(serializer);
        RegisterReferenceFormatter<T>();
    }

    /// <summary>Registers the MemoryPack formatter that writes references to <typeparamref name="T"/>, unless it has one. Called by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void RegisterReferenceFormatter<T>()
        where T : class
        => RegisterFormatter(PersistableReferenceFormatter<T>.Instance);

    /// <summary>
    /// Registers a MemoryPack formatter for a type shape generated code uses, unless the type has one, so MemoryPack
    /// never builds one with <c>MakeGenericType</c> (which Native AOT cannot guarantee). Called by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static void RegisterFormatter<T>(MemoryPackFormatter<T> formatter)
    {
        if (!MemoryPackFormatterProvider.IsRegistered<T>())
        {
            MemoryPackFormatterProvider.Register(formatter);
        }
    }

    /// <summary>Whether two registered types claim one tag (then the UTF-8 lookups find nothing; see <see cref="TryGetByTag(string, out PersistableSerializer?, out string?)"/>).</summary>
    internal static bool HasTagConflicts => TagConflicts.Count > 0;

    /// <summary>The registered serializers.</summary>
    public static IReadOnlyCollection<PersistableSerializer> All => s_byType.Values;

    /// <summary>Finds the serializer of a CLR type.</summary>
    public static bool TryGet(Type type, [NotNullWhen(true)] out PersistableSerializer? serializer) => s_byType.TryGetValue(type, out serializer);

    /// <summary>Finds the serializer registered under <paramref name="tag"/>; <paramref name="conflict"/> explains a tag two types claim.</summary>
    public static bool TryGetByTag(string tag, [NotNullWhen(true)] out PersistableSerializer? serializer, out string? conflict)
    {
        if (TagConflicts.Count > 0)
        {
            lock (Gate)
            {
                if (TagConflicts.TryGetValue(tag, out conflict))
                {
                    serializer = null;
                    return false;
                }
            }
        }

        conflict = null;
        return s_byTag.TryGetValue(tag, out serializer);
    }

    /// <summary>
    /// Finds the serializer of a tag given as the UTF-8 bytes of a record, without decoding them;
    /// <see langword="false"/> for a tag not registered or claimed by two types (ask
    /// <see cref="TryGetByTag(string, out PersistableSerializer?, out string?)"/> for the reason).
    /// </summary>
    internal static bool TryGetByTag(ReadOnlySpan<byte> tagUtf8, [NotNullWhen(true)] out PersistableSerializer? serializer)
    {
        if (HasTagConflicts)
        {
            serializer = null;
            return false;
        }

        return s_byTagUtf8.TryGetValue(tagUtf8, out serializer);
    }

    private static FrozenDictionary<byte[], PersistableSerializer>.AlternateLookup<ReadOnlySpan<byte>> IndexByTagUtf8(IEnumerable<PersistableSerializer> serializers)
        => serializers.ToFrozenDictionary(s => s.TagUtf8, Utf8TagComparer.Instance).GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>
    /// The serializer of <paramref name="obj"/>'s runtime type, or a clear error when it is not persistable;
    /// <paramref name="holder"/> is the object being encoded that refers to it, if any, under <paramref name="holderId"/>.
    /// </summary>
    internal static PersistableSerializer GetForSave(object obj, object? holder = null, Id? holderId = null)
    {
        var type = obj.GetType();
        if (!s_byType.TryGetValue(type, out var serializer))
        {
            var where = holder is null ? "" : $" The {holder.GetType().FullName} being saved as '{holderId}' refers to it; nothing was saved.";
            throw new ArgumentException(
                type.IsAbstract
                    ? $"{type.FullName} is abstract.{where}"
                    : type.IsDefined(typeof(PersistableAttribute), inherit: false)
                    ? $"{type.FullName} is marked [Persistable], but the Gc3.Persistence generator did not run on its assembly '{type.Assembly.GetName().Name}', so it has no serializer: "
                        + $"reference the Gc3.Persistence package from that project with its analyzers (not ExcludeAssets=\"analyzers\"), or, as a ProjectReference, the generator project with OutputItemType=\"Analyzer\".{where}"
                    : $"{type.FullName} is not a registered persistable type: mark it [Persistable] (a partial class with a parameterless constructor) so that the Gc3.Persistence generator writes its serializer.{where}",
                nameof(obj));
        }

        // Only a tag two types claim makes a type unsavable; skip the tag lookup when there is none.
        if (TagConflicts.Count > 0 && !TryGetByTag(serializer.Tag, out _, out var conflict))
        {
            throw new InvalidOperationException($"Cannot save {type.FullName}: {conflict}.");
        }

        return serializer;
    }
}
