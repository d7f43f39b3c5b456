using System.ComponentModel;
using MemoryPack;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// Writes a <see cref="Uri"/> as its original string and whether it is absolute, and reads it back with that
/// kind. MemoryPack's own formatter writes the string alone and reads it as <see cref="UriKind.RelativeOrAbsolute"/>,
/// which turns the absolute file URI <c>new Uri("/tmp/1")</c> into a relative one, unequal to the original.
/// Registered for the whole process by <see cref="PersistableRegistry"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ExactUriFormatter : MemoryPackFormatter<Uri>
{
    /// <inheritdoc/>
    public override void Serialize<TBufferWriter>(ref MemoryPackWriter<TBufferWriter> writer, scoped ref Uri? value)
    {
        writer.WriteString(value?.OriginalString);
        if (value is not null)
        {
            writer.WriteUnmanaged(value.IsAbsoluteUri);
        }
    }

    /// <inheritdoc/>
    public override void Deserialize(ref MemoryPackReader reader, scoped ref Uri? value)
    {
        var text = reader.ReadString();
        if (text is null)
        {
            value = null;
            return;
        }

        reader.ReadUnmanaged(out bool absolute);
        value = new Uri(text, absolute ? UriKind.Absolute : UriKind.Relative);
    }
}
