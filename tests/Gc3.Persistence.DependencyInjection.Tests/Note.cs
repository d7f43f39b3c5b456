using Gc3.Persistence;

namespace Gc3.Persistence.DependencyInjection.Tests;

/// <summary>A small persistable type the tests save and load through the container's store.</summary>
[Persistable]
public partial class Note
{
    public string Text { get; set; } = "";

    public int Priority { get; set; }
}
