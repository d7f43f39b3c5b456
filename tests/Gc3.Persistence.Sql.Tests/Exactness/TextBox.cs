using MemoryPack;

namespace Gc3.Persistence.Sql.Tests.Exactness;

/// <summary>A [MemoryPackable] value: MemoryPack's generated code writes its strings, as UTF-8 only.</summary>
[MemoryPackable]
public partial class TextBox
{
    public string? Text { get; set; }
}
