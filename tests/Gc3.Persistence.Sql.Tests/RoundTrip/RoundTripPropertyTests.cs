using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Numerics;
using System.Text;
using CsCheck;

namespace Gc3.Persistence.Sql.Tests.RoundTrip;

/// <summary>
/// Issue 13 §2: random values of every accepted scalar, nullable and collection shape (<see cref="Everything"/>)
/// are saved through the generated code into a real store, loaded back by a fresh identity map, and compared
/// exactly (<see cref="Same"/>). A type that cannot round-trip exactly must be refused by GC3P002 instead.
/// </summary>
public sealed class RoundTripPropertyTests() : TemporaryDirectoryTests("roundtrip")
{
    private static readonly Gen<string> Text = Gen.String[Gen.Char.AlphaNumeric, 0, 12];

    // Any UTF-16 code units: U+0000, lone surrogates (half of a pair) and whole pairs too, which UTF-8 alone cannot hold.
    private static readonly Gen<string> Utf16 = Gen.OneOf(Gen.String, Gen.Char[char.MinValue, char.MaxValue].Array[0, 12].Select(c => new string(c)));

    // Every bit pattern: negative zero, subnormals, infinities and NaNs with any payload.
    private static readonly Gen<double> Doubles = Gen.OneOf(Gen.Double, Gen.Long.Select(BitConverter.Int64BitsToDouble));
    private static readonly Gen<float> Floats = Gen.OneOf(Gen.Float, Gen.Int.Select(BitConverter.Int32BitsToSingle));
    private static readonly Gen<int> Small = Gen.Int[-1000, 1000];
    private static readonly Gen<BigInteger> Big = Gen.Select(Gen.Byte.Array[0, 40], Gen.Bool, (bytes, negative) =>
    {
        var value = new BigInteger(bytes, isUnsigned: true);
        return negative ? -value : value;
    });

    private static readonly Gen<Uri> Uris = Gen.OneOf(
        Gen.Int[0, 99999].Select(n => new Uri("/tmp/" + n.ToString(CultureInfo.InvariantCulture))),
        Text.Select(s => new Uri("https://example.org/" + s + "?q=" + s)),
        Text.Select(s => new Uri("jobs/" + s, UriKind.Relative)),
        Text.Select(s => new Uri("file:///var/lib/" + s)));

    private static readonly Gen<Version> Versions = Gen.Select(Gen.Int[0, 50], Gen.Int[0, 50], Gen.Int[-1, 50], (a, b, c) => c < 0 ? new Version(a, b) : new Version(a, b, c));

    private static readonly Gen<DateTime> Dates = Gen.Select(Gen.Long[DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks], Gen.Enum<DateTimeKind>(), (t, k) => new DateTime(t, k));

    // Each entry: a name, how to give a random value to that member of an Everything, and how to read it back.
    private static readonly List<(string Name, Gen<Action<Everything>> Fill, Func<Everything, object?> Read)> Members =
    [
        Entry("Bool", Gen.Bool, (e, v) => e.Bool = v, e => e.Bool),
        Entry("Byte", Gen.Byte, (e, v) => e.Byte = v, e => e.Byte),
        Entry("SByte", Gen.SByte, (e, v) => e.SByte = v, e => e.SByte),
        Entry("Short", Gen.Short, (e, v) => e.Short = v, e => e.Short),
        Entry("UShort", Gen.UShort, (e, v) => e.UShort = v, e => e.UShort),
        Entry("Int", Gen.Int, (e, v) => e.Int = v, e => e.Int),
        Entry("UInt", Gen.UInt, (e, v) => e.UInt = v, e => e.UInt),
        Entry("Long", Gen.Long, (e, v) => e.Long = v, e => e.Long),
        Entry("ULong", Gen.ULong, (e, v) => e.ULong = v, e => e.ULong),
        Entry("Char", Gen.Char, (e, v) => e.Char = v, e => e.Char),
        Entry("Float", Floats, (e, v) => e.Float = v, e => e.Float),
        Entry("Double", Doubles, (e, v) => e.Double = v, e => e.Double),
        Entry("Decimal", Gen.Decimal, (e, v) => e.Decimal = v, e => e.Decimal),
        Entry("Half", Gen.Short.Select(s => BitConverter.Int16BitsToHalf(s)), (e, v) => e.Half = v, e => e.Half),
        Entry("Int128", Gen.Int128, (e, v) => e.Int128 = v, e => e.Int128),
        Entry("UInt128", Gen.UInt128, (e, v) => e.UInt128 = v, e => e.UInt128),
        Entry("DateTime", Dates, (e, v) => e.DateTime = v, e => e.DateTime),
        Entry("DateTimeOffset", Gen.DateTimeOffset, (e, v) => e.DateTimeOffset = v, e => e.DateTimeOffset),
        Entry("TimeSpan", Gen.TimeSpan, (e, v) => e.TimeSpan = v, e => e.TimeSpan),
        Entry("DateOnly", Gen.DateOnly, (e, v) => e.DateOnly = v, e => e.DateOnly),
        Entry("TimeOnly", Gen.TimeOnly, (e, v) => e.TimeOnly = v, e => e.TimeOnly),
        Entry("Guid", Gen.Guid, (e, v) => e.Guid = v, e => e.Guid),
        Entry("Enum", Gen.Enum<DayOfWeek>(), (e, v) => e.Enum = v, e => e.Enum),
        Entry("String", Utf16, (e, v) => e.String = v, e => e.String),
        Entry("BigInteger", Big, (e, v) => e.BigInteger = v, e => e.BigInteger),
        Entry("Uri", Uris, (e, v) => e.Uri = v, e => e.Uri),
        Entry("Version", Versions, (e, v) => e.Version = v, e => e.Version),
        Entry("Complex", Gen.Select(Doubles, Doubles, (r, i) => new Complex(r, i)), (e, v) => e.Complex = v, e => e.Complex),
        Entry("Partial", Utf16, (e, v) => e.Partial = v, e => e.Partial),
        Entry("PartialInt", Gen.Int, (e, v) => e.PartialInt = v, e => e.PartialInt),
        Entry("NullableInt", Gen.Int.Nullable(), (e, v) => e.NullableInt = v, e => e.NullableInt),
        Entry("NullableDateTime", Dates.Nullable(), (e, v) => e.NullableDateTime = v, e => e.NullableDateTime),
        Entry("NullableGuid", Gen.Guid.Nullable(), (e, v) => e.NullableGuid = v, e => e.NullableGuid),
        Entry("NullableEnum", Gen.Enum<DayOfWeek>().Nullable(), (e, v) => e.NullableEnum = v, e => e.NullableEnum),
        Entry("NullableDecimal", Gen.Decimal.Nullable(), (e, v) => e.NullableDecimal = v, e => e.NullableDecimal),
        Entry("NullableBigInteger", Big.Nullable(), (e, v) => e.NullableBigInteger = v, e => e.NullableBigInteger),
        Entry("NullableString", Utf16.Null(), (e, v) => e.NullableString = v, e => e.NullableString),
        Entry("NullableUri", Uris.Null(), (e, v) => e.NullableUri = v, e => e.NullableUri),
        Entry("NullableVersion", Versions.Null(), (e, v) => e.NullableVersion = v, e => e.NullableVersion),
        Entry("IntArray", Gen.Int.Array[0, 8], (e, v) => e.IntArray = v, e => e.IntArray),
        Entry("StringArray", Utf16.Null().Array[0, 8], (e, v) => e.StringArray = v, e => e.StringArray),
        Entry("IntMatrix", Gen.Int.Array2D, (e, v) => e.IntMatrix = v, e => e.IntMatrix),
        Entry("BigIntegerArray", Big.Array[0, 5], (e, v) => e.BigIntegerArray = v, e => e.BigIntegerArray),
        Entry("IntList", Gen.Int.List[0, 8], (e, v) => e.IntList = v, e => e.IntList),
        Entry("StringList", Utf16.List[0, 8], (e, v) => e.StringList = v, e => e.StringList),
        Entry("NullableIntList", Gen.Int.Nullable().List[0, 8], (e, v) => e.NullableIntList = v, e => e.NullableIntList),
        Entry("UriList", Uris.List[0, 5], (e, v) => e.UriList = v, e => e.UriList),
        Entry("StringDictionary", Gen.Dictionary(Utf16, Utf16)[0, 6], (e, v) => e.StringDictionary = v, e => ByKey(e.StringDictionary)),
        Entry("IntStringDictionary", Gen.Dictionary(Gen.Int, Text)[0, 6], (e, v) => e.IntStringDictionary = v, e => ByKey(e.IntStringDictionary)),
        Entry("GuidDateDictionary", Gen.Dictionary(Gen.Guid, Dates)[0, 4], (e, v) => e.GuidDateDictionary = v, e => ByKey(e.GuidDateDictionary)),
        Entry("UriKeyedDictionary", Uris.HashSet[0, 4].Select(s => s.ToDictionary(u => u, u => u.OriginalString.Length)), (e, v) => e.UriKeyedDictionary = v, e => e.UriKeyedDictionary.OrderBy(p => p.Key.OriginalString, StringComparer.Ordinal).ToList()),
        Entry("IntSet", Gen.Int.HashSet[0, 8], (e, v) => e.IntSet = v, e => e.IntSet.Order().ToList()),
        Entry("SortedStrings", Text.List[0, 8].Select(l => new SortedSet<string>(l)), (e, v) => e.SortedStrings = v, e => e.SortedStrings),
        Entry("SortedDictionary", Gen.Dictionary(Text, Small)[0, 6].Select(d => new SortedDictionary<string, int>(d)), (e, v) => e.SortedDictionary = v, e => e.SortedDictionary),
        Entry("SortedList", Gen.Dictionary(Small, Small)[0, 6].Select(d => new SortedList<int, int>(d)), (e, v) => e.SortedList = v, e => e.SortedList),
        Entry("Queue", Small.List[0, 8].Select(l => new Queue<int>(l)), (e, v) => e.Queue = v, e => e.Queue),
        Entry("Stack", Small.List[0, 8].Select(l => new Stack<int>(l)), (e, v) => e.Stack = v, e => e.Stack),
        Entry("LinkedList", Small.List[0, 8].Select(l => new LinkedList<int>(l)), (e, v) => e.LinkedList = v, e => e.LinkedList),
        Entry("Collection", Small.List[0, 8].Select(l => new Collection<int>(l)), (e, v) => e.Collection = v, e => e.Collection),
        Entry("ObservableCollection", Small.List[0, 8].Select(l => new ObservableCollection<int>(l)), (e, v) => e.ObservableCollection = v, e => e.ObservableCollection),
        Entry("ReadOnlyCollection", Small.List[0, 8].Select(l => new ReadOnlyCollection<int>(l)), (e, v) => e.ReadOnlyCollection = v, e => e.ReadOnlyCollection),
        Entry("ConcurrentQueue", Small.List[0, 8].Select(l => new ConcurrentQueue<int>(l)), (e, v) => e.ConcurrentQueue = v, e => e.ConcurrentQueue),
        Entry("ConcurrentStack", Small.List[0, 8].Select(l => new ConcurrentStack<int>(l)), (e, v) => e.ConcurrentStack = v, e => e.ConcurrentStack),
        Entry("ConcurrentBag", Small.List[0, 8].Select(l => new ConcurrentBag<int>(l)), (e, v) => e.ConcurrentBag = v, e => e.ConcurrentBag.Order().ToList()), // a bag has no order
        Entry("ConcurrentDictionary", Gen.Dictionary(Small, Small)[0, 6].Select(d => new ConcurrentDictionary<int, int>(d)), (e, v) => e.ConcurrentDictionary = v, e => ByKey(e.ConcurrentDictionary)),
        Entry("ImmutableArray", Small.Array[0, 8].Select(a => a.ToImmutableArray()), (e, v) => e.ImmutableArray = v, e => e.ImmutableArray),
        Entry("ImmutableList", Text.List[0, 8].Select(l => l.ToImmutableList()), (e, v) => e.ImmutableList = v, e => e.ImmutableList),
        Entry("ImmutableHashSet", Small.List[0, 8].Select(l => l.ToImmutableHashSet()), (e, v) => e.ImmutableHashSet = v, e => e.ImmutableHashSet.Order().ToList()),
        Entry("ImmutableDictionary", Gen.Dictionary(Text, Small)[0, 6].Select(d => d.ToImmutableDictionary()), (e, v) => e.ImmutableDictionary = v, e => ByKey(e.ImmutableDictionary)),
        Entry("Enumerable", Small.List[0, 8].Select(l => (IEnumerable<int>)l.ToArray()), (e, v) => e.Enumerable = v, e => e.Enumerable.ToList()),
        Entry("ReadOnlyList", Small.List[0, 8].Select(l => (IReadOnlyList<int>)l.ToArray()), (e, v) => e.ReadOnlyList = v, e => e.ReadOnlyList.ToList()),
        Entry("InterfaceList", Text.List[0, 8].Select(l => (IList<string>)l), (e, v) => e.InterfaceList = v, e => e.InterfaceList.ToList()),
        Entry("InterfaceDictionary", Gen.Dictionary(Text, Small)[0, 6].Select(d => (IDictionary<string, int>)d), (e, v) => e.InterfaceDictionary = v, e => ByKey(e.InterfaceDictionary)),
        Entry("ReadOnlyDictionary", Gen.Dictionary(Text, Small)[0, 6].Select(d => (IReadOnlyDictionary<string, int>)d), (e, v) => e.ReadOnlyDictionary = v, e => ByKey(e.ReadOnlyDictionary)),
        Entry("InterfaceSet", Small.HashSet[0, 8].Select(s => (ISet<int>)s), (e, v) => e.InterfaceSet = v, e => e.InterfaceSet.Order().ToList()),
        Entry("Pair", Gen.Select(Gen.Int, Text, (k, v) => KeyValuePair.Create(k, v)), (e, v) => e.Pair = v, e => e.Pair),
        Entry("ValueTuple", Gen.Select(Gen.Int, Text), (e, v) => e.ValueTuple = v, e => e.ValueTuple),
        Entry("Tuple", Gen.Select(Gen.Int, Text, (a, b) => System.Tuple.Create(a, b)), (e, v) => e.Tuple = v, e => e.Tuple),
        Entry("StringBuilder", Utf16.Select(s => new StringBuilder(s)), (e, v) => e.StringBuilder = v, e => e.StringBuilder),
        Entry("BitArray", Gen.Bool.Array[0, 70].Select(b => new BitArray(b)), (e, v) => e.BitArray = v, e => e.BitArray),
        Entry("Culture", Gen.OneOf(Gen.Const(CultureInfo.InvariantCulture), Gen.Const(CultureInfo.GetCultureInfo("en-US"))), (e, v) => e.Culture = v, e => e.Culture),
        Entry("TimeZone", Gen.Int[-12, 12].Select(h => h == 0 ? TimeZoneInfo.Utc : TimeZoneInfo.CreateCustomTimeZone("Zone" + h.ToString(CultureInfo.InvariantCulture), TimeSpan.FromHours(h), "Zone", "Zone")), (e, v) => e.TimeZone = v, e => e.TimeZone),
        Entry("Lazy", Gen.Int.Select(i => new Lazy<int>(i)), (e, v) => e.Lazy = v, e => e.Lazy),
    ];

    [Fact]
    public void Every_public_member_of_Everything_has_a_generator()
    {
        var declared = typeof(Everything).GetProperties().Where(p => p.DeclaringType == typeof(Everything) && p.CanWrite && p.Name is not (nameof(IPersistable.PersistentId) or nameof(IPersistable.Changed)))
            .Select(p => p.Name);
        Assert.Equal(declared.Order(StringComparer.Ordinal), Members.Select(m => m.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public void Random_values_of_every_accepted_shape_come_back_exactly(string kind)
    {
        using var store = StoreKinds.Open(kind, Folder);
        var everything = Members.Aggregate(
            Gen.Const(ImmutableList<Action<Everything>>.Empty),
            (all, member) => all.SelectMany(list => member.Fill.Select(list.Add)))
            .Select(fills =>
            {
                var value = new Everything();
                foreach (var fill in fills)
                {
                    fill(value);
                }

                return value;
            });

        everything.Sample(
            original =>
            {
                var id = store.Save(original);
                store.InvalidateCache();
                var loaded = store.Load<Everything>(id);
                Assert.NotSame(original, loaded);
                foreach (var (name, _, read) in Members)
                {
                    var expected = read(original);
                    var actual = read(loaded);
                    Assert.True(Same.Values(expected, actual), $"{name} did not round-trip on the {kind} store: saved {Show(expected)}, loaded {Show(actual)}");
                }
            },
            iter: 40,
            threads: 1);
    }

    private static (string, Gen<Action<Everything>>, Func<Everything, object?>) Entry<T>(string name, Gen<T> gen, Action<Everything, T> set, Func<Everything, object?> get)
        => (name, gen.Select(v => (Action<Everything>)(e => set(e, v))), get);

    // Hashed collections have no order of their own: compared entry by entry in key order (their type is the member's).
    private static List<KeyValuePair<TKey, TValue>> ByKey<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> entries)
        => [.. entries.OrderBy(p => p.Key)];

    private static string Show(object? value) => value switch
    {
        null => "null",
        Uri uri => $"{uri.OriginalString} ({(uri.IsAbsoluteUri ? "absolute" : "relative")})",
        string s => '"' + s + '"',
        IEnumerable sequence => "[" + string.Join(", ", sequence.Cast<object?>().Select(Show)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
