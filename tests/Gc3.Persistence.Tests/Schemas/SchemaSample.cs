using System.Numerics;

namespace Gc3.Persistence.Tests.Schemas;

/// <summary>A member of every shape the schema grammar names, to decode records of without the type.</summary>
[Persistable("schema.sample")]
public partial class SchemaSample
{
    public bool Flag { get; set; }

    public byte Byte { get; set; }

    public sbyte SByte { get; set; }

    public short Int16 { get; set; }

    public ushort UInt16 { get; set; }

    public int Int32 { get; set; }

    public uint UInt32 { get; set; }

    public long Int64 { get; set; }

    public ulong UInt64 { get; set; }

    public Int128 Int128 { get; set; }

    public UInt128 UInt128 { get; set; }

    public Half Half { get; set; }

    public float Single { get; set; }

    public double Double { get; set; }

    public decimal Decimal { get; set; }

    public char Char { get; set; }

    public DateTime When { get; set; }

    public DateTimeOffset WhenOffset { get; set; }

    public TimeSpan Duration { get; set; }

    public DateOnly Day { get; set; }

    public TimeOnly Time { get; set; }

    public Guid Guid { get; set; }

    public BigInteger Big { get; set; }

    public Uri? Link { get; set; }

    public string? Text { get; set; }

    public int? MaybeInt { get; set; }

    public DateTimeOffset? MaybeOffset { get; set; }

    public Guid? MaybeGuid { get; set; }

    public SampleColor Color { get; set; }

    public SampleColor? MaybeColor { get; set; }

    public SampleAccess Access { get; set; }

    public List<int> Numbers { get; set; } = [];

    public string?[] Words { get; set; } = [];

    public HashSet<long> Longs { get; set; } = [];

    public Dictionary<int, long> Pairs { get; set; } = [];

    public Dictionary<string, List<int>> Groups { get; set; } = [];

    public Dictionary<JobState, int> Counts { get; set; } = [];

    public List<Job> Jobs { get; set; } = [];

    public Job? Job { get; set; }

    public SampleBox? Box { get; set; }

    public SamplePoint Point { get; set; }

    public SamplePoint? MaybePoint { get; set; }

    public List<SamplePoint> Points { get; set; } = [];

    public SampleTree? Tree { get; set; }
}
