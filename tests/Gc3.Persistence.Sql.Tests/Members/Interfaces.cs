using System.Collections.ObjectModel;

namespace Gc3.Persistence.Sql.Tests.Members;

/// <summary>Members declared as collection interfaces, each holding another collection than the one a load makes for it.</summary>
[Persistable("members.interfaces")]
public partial class Interfaces
{
    public IEnumerable<int> Enumerable { get; set; } = new SortedSet<int> { 3, 1 };

    public IList<int> List { get; set; } = new ObservableCollection<int> { 3, 1 };

    public IReadOnlyCollection<int> ReadOnlyCollection { get; set; } = new Queue<int>([3, 1]);

    public ISet<int> Set { get; set; } = new SortedSet<int> { 3, 1 };

    public IReadOnlyDictionary<string, int> Dictionary { get; set; } = new SortedDictionary<string, int> { ["b"] = 1, ["a"] = 2 };
}
