using System.ComponentModel;
using System.Text;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// What the runtime knows of one concrete persistable type, written by the generator and registered
/// in <see cref="PersistableRegistry"/> at start-up: its tag, its ID prefix, how to create an empty
/// instance, and the store columns it declares. Members are written by <see cref="IPersistableBody"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class PersistableSerializer
{
    /// <summary>Describes the type, without a schema (<see cref="SchemaHash"/> 0: records say "written before schemas").</summary>
    protected PersistableSerializer(Type type, string tag, string idPrefix)
        : this(type, tag, idPrefix, string.Empty, 0)
    {
    }

    /// <summary>Describes the type and the schema its records are written with (issue 15; the generator passes its <c>SchemaDocument</c> and <c>SchemaHash</c>).</summary>
    protected PersistableSerializer(Type type, string tag, string idPrefix, string schemaDocument, ulong schemaHash)
    {
        ArgumentNullException.ThrowIfNull(schemaDocument);
        SchemaDocument = schemaDocument;
        SchemaHash = schemaHash;
        Type = type;
        Tag = tag;
        TagUtf8 = Encoding.UTF8.GetBytes(tag);
        IdPrefix = idPrefix;
        IdPrefixUtf8 = Encoding.UTF8.GetBytes(idPrefix);
        IdPrefixIsValid = Id.IsValidPrefix(idPrefix);
    }

    /// <summary>The persistable type.</summary>
    public Type Type { get; }

    /// <summary>The stable tag written into its records.</summary>
    public string Tag { get; }

    /// <summary>The tag as UTF-8, as it stands in a record header.</summary>
    internal byte[] TagUtf8 { get; }

    /// <summary>
    /// The hash of <see cref="SchemaDocument"/> (FNV-1a 64 of its UTF-8 bytes, never 0), which each record written by
    /// this type carries in its header; 0 for a serializer without a schema.
    /// </summary>
    public ulong SchemaHash { get; }

    /// <summary>The schema document of this type's records (compact JSON, see docs/schemas.md); empty without a schema.</summary>
    public string SchemaDocument { get; }

    /// <summary>The default prefix of its IDs.</summary>
    public string IdPrefix { get; }

    /// <summary>The default prefix as UTF-8, as references write it.</summary>
    internal byte[] IdPrefixUtf8 { get; }

    /// <summary>Whether <see cref="IdPrefix"/> can be an ID's prefix (a load trusts it without checking again).</summary>
    internal bool IdPrefixIsValid { get; }

    /// <summary>The checks of this type's records before MemoryPack decodes them; computed on first use (see <see cref="Schemas.NestingGuard"/>).</summary>
    internal Schemas.NestingGuard? NestingGuard { get; set; }

    /// <summary>Creates an instance for a load to fill in.</summary>
    public abstract object CreateInstance();

    /// <summary>The columns its <see cref="StoreColumnAttribute"/> members declare (base type first).</summary>
    public virtual IReadOnlyList<StoreColumnInfo> Columns => [];

    /// <summary>
    /// Reads the value of each of <see cref="Columns"/> from <paramref name="obj"/>, in the same order; a getter that
    /// throws gives its exception as that column's value (no column holds an exception), and the others are still read.
    /// </summary>
    public virtual void GetColumnValues(object obj, Span<object?> values)
    {
    }
}
