using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Gc3.Persistence.Sql.Tests.RoundTrip;

/// <summary>One member of every scalar, nullable and collection shape the generator accepts (issue 13 §2).</summary>
[Persistable("roundtrip.everything")]
public partial class Everything
{
    public bool Bool { get; set; }
    public byte Byte { get; set; }
    public sbyte SByte { get; set; }
    public short Short { get; set; }
    public ushort UShort { get; set; }
    public int Int { get; set; }
    public uint UInt { get; set; }
    public long Long { get; set; }
    public ulong ULong { get; set; }
    public char Char { get; set; }
    public float Float { get; set; }
    public double Double { get; set; }
    public decimal Decimal { get; set; }
    public Half Half { get; set; }
    public Int128 Int128 { get; set; }
    public UInt128 UInt128 { get; set; }
    public DateTime DateTime { get; set; }
    public DateTimeOffset DateTimeOffset { get; set; }
    public TimeSpan TimeSpan { get; set; }
    public DateOnly DateOnly { get; set; }
    public TimeOnly TimeOnly { get; set; }
    public Guid Guid { get; set; }
    public DayOfWeek Enum { get; set; }
    public string String { get; set; } = "";
    public BigInteger BigInteger { get; set; }
    public Uri Uri { get; set; } = new("/");
    public Version Version { get; set; } = new();
    public Complex Complex { get; set; }
    public partial string Partial { get; set; }
    public partial int PartialInt { get; set; }

    public int? NullableInt { get; set; }
    public DateTime? NullableDateTime { get; set; }
    public Guid? NullableGuid { get; set; }
    public DayOfWeek? NullableEnum { get; set; }
    public decimal? NullableDecimal { get; set; }
    public BigInteger? NullableBigInteger { get; set; }
    public string? NullableString { get; set; }
    public Uri? NullableUri { get; set; }
    public Version? NullableVersion { get; set; }

    public int[] IntArray { get; set; } = [];
    public string?[] StringArray { get; set; } = [];
    public int[,] IntMatrix { get; set; } = new int[0, 0];
    public BigInteger[] BigIntegerArray { get; set; } = [];
    public List<int> IntList { get; set; } = [];
    public List<string> StringList { get; set; } = [];
    public List<int?> NullableIntList { get; set; } = [];
    public List<Uri> UriList { get; set; } = [];
    public Dictionary<string, string> StringDictionary { get; set; } = [];
    public Dictionary<int, string> IntStringDictionary { get; set; } = [];
    public Dictionary<Guid, DateTime> GuidDateDictionary { get; set; } = [];
    public Dictionary<Uri, int> UriKeyedDictionary { get; set; } = [];
    public HashSet<int> IntSet { get; set; } = [];
    public SortedSet<string> SortedStrings { get; set; } = [];
    public SortedDictionary<string, int> SortedDictionary { get; set; } = [];
    public SortedList<int, int> SortedList { get; set; } = [];
    public Queue<int> Queue { get; set; } = new();
    public Stack<int> Stack { get; set; } = new();
    public LinkedList<int> LinkedList { get; set; } = new();
    public Collection<int> Collection { get; set; } = [];
    public ObservableCollection<int> ObservableCollection { get; set; } = [];
    public ReadOnlyCollection<int> ReadOnlyCollection { get; set; } = new([]);
    public ConcurrentQueue<int> ConcurrentQueue { get; set; } = new();
    public ConcurrentStack<int> ConcurrentStack { get; set; } = new();
    public ConcurrentBag<int> ConcurrentBag { get; set; } = [];
    public ConcurrentDictionary<int, int> ConcurrentDictionary { get; set; } = new();
    public ImmutableArray<int> ImmutableArray { get; set; } = [];
    public ImmutableList<string> ImmutableList { get; set; } = [];
    public ImmutableHashSet<int> ImmutableHashSet { get; set; } = [];
    public ImmutableDictionary<string, int> ImmutableDictionary { get; set; } = ImmutableDictionary<string, int>.Empty;
    public IEnumerable<int> Enumerable { get; set; } = [];
    public IReadOnlyList<int> ReadOnlyList { get; set; } = [];
    public IList<string> InterfaceList { get; set; } = [];
    public IDictionary<string, int> InterfaceDictionary { get; set; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, int> ReadOnlyDictionary { get; set; } = new Dictionary<string, int>();
    public ISet<int> InterfaceSet { get; set; } = new HashSet<int>();
    public KeyValuePair<int, string> Pair { get; set; }
    public (int, string) ValueTuple { get; set; } = (0, "");
    public Tuple<int, string> Tuple { get; set; } = new(0, "");
    public StringBuilder StringBuilder { get; set; } = new();
    public BitArray BitArray { get; set; } = new(0);
    public CultureInfo Culture { get; set; } = CultureInfo.InvariantCulture;
    public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;
    public Lazy<int> Lazy { get; set; } = new(0);
}
