using System.Text;
using System.Text.Json;

namespace Gc3.Persistence.Generators.Tests.Schemas;

/// <summary>
/// Issue 15 §1: the schema document the generator writes into each concrete type's <c>Gc3Serializer</c>
/// (the schema contract's compact JSON) and its hash, for every member kind the generator accepts.
/// </summary>
public class SchemaDocumentTests
{
    private const string EveryKind = /* lang=c# */ """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Numerics;
        using Gc3.Persistence;
        using MemoryPack;

        namespace App;

        public enum State : byte { New, Done = 5 }

        [Flags]
        public enum Access : long { None = 0, Read = 1, Write = 2 }

        [MemoryPackable]
        public partial class Step
        {
            public State State { get; set; }

            public DateTime At { get; set; }

            public Job? Owner { get; set; }

            public Step? Next { get; set; }

            [MemoryPackIgnore]
            public int Ignored { get; set; }
        }

        [MemoryPackable]
        public partial struct Point
        {
            public int X;

            public string Label;

            public Point(int x, string label)
            {
                X = x;
                Label = label;
            }
        }

        [MemoryPackable(GenerateType.VersionTolerant)]
        public partial class Tolerant
        {
            [MemoryPackOrder(0)]
            public int A { get; set; }
        }

        public struct Raw
        {
            public int A;
            public long B;
        }

        public static class Outer
        {
            public enum Inner { One, Two }
        }

        [Persistable("app.base")]
        public abstract partial class Base
        {
            public partial string Name { get; set; }
        }

        [Persistable("app<job>,%")]
        public partial class Job : Base
        {
            public bool Flag;
            public byte U8;
            public sbyte I8;
            public short I16;
            public ushort U16;
            public int I32;
            public uint U32;
            public long I64;
            public ulong U64;
            public Int128 I128;
            public UInt128 U128;
            public Half F16;
            public float F32;
            public double F64;
            public decimal Money;
            public char Letter;
            public DateTime When;
            public DateTimeOffset WhenOffset;
            public TimeSpan Span;
            public DateOnly Day;
            public TimeOnly Time;
            public Guid Key;
            public BigInteger Big;
            public Uri? Link;
            public int? Maybe;
            public State? MaybeState;
            public List<string> Strings = [];
            public Dictionary<string, string> Pairs = [];
            public List<int> Numbers = [];
            public int[] Array = [];
            public HashSet<Access> Accesses = [];
            public SortedDictionary<int, List<Step>> Steps = [];
            public ImmutableArray<State> States;
            public Job? Parent;
            public List<Base> Family = [];
            public Step? First;
            public Point Where;
            public Tolerant? Loose;
            public Raw Bytes;
            public KeyValuePair<int, string> Kv;
            public Outer.Inner Nested;
            public int[,]? Grid;

            [PersistName("Old")]
            public int Renamed { get; set; }

            [PersistOrder(3)]
            public int Pinned { get; set; }
        }
        """;

    [Fact]
    public void A_type_with_every_member_kind_has_the_contracts_document()
    {
        var document = DocumentOf(Generate(EveryKind), "App.Job");

        var expected = """
            {"format":1,"tag":"app<job>,%","idPrefix":"Job","type":"App.Job","members":[
            {"name":"Name","key":2413851398,"shape":"string"},
            {"name":"Flag","key":KEY:Flag,"shape":"bool"},
            {"name":"U8","key":KEY:U8,"shape":"byte"},
            {"name":"I8","key":KEY:I8,"shape":"sbyte"},
            {"name":"I16","key":KEY:I16,"shape":"int16"},
            {"name":"U16","key":KEY:U16,"shape":"uint16"},
            {"name":"I32","key":KEY:I32,"shape":"int32"},
            {"name":"U32","key":KEY:U32,"shape":"uint32"},
            {"name":"I64","key":KEY:I64,"shape":"int64"},
            {"name":"U64","key":KEY:U64,"shape":"uint64"},
            {"name":"I128","key":KEY:I128,"shape":"int128"},
            {"name":"U128","key":KEY:U128,"shape":"uint128"},
            {"name":"F16","key":KEY:F16,"shape":"float16"},
            {"name":"F32","key":KEY:F32,"shape":"float32"},
            {"name":"F64","key":KEY:F64,"shape":"float64"},
            {"name":"Money","key":KEY:Money,"shape":"decimal"},
            {"name":"Letter","key":KEY:Letter,"shape":"char"},
            {"name":"When","key":KEY:When,"shape":"datetime"},
            {"name":"WhenOffset","key":KEY:WhenOffset,"shape":"datetimeoffset"},
            {"name":"Span","key":KEY:Span,"shape":"timespan"},
            {"name":"Day","key":KEY:Day,"shape":"dateonly"},
            {"name":"Time","key":KEY:Time,"shape":"timeonly"},
            {"name":"Key","key":KEY:Key,"shape":"guid"},
            {"name":"Big","key":KEY:Big,"shape":"biginteger"},
            {"name":"Link","key":KEY:Link,"shape":"uri"},
            {"name":"Maybe","key":KEY:Maybe,"shape":"nullable<int32>"},
            {"name":"MaybeState","key":KEY:MaybeState,"shape":"nullable<enum<App.State>>"},
            {"name":"Strings","key":KEY:Strings,"shape":"list<string>"},
            {"name":"Pairs","key":KEY:Pairs,"shape":"dict<string,string>"},
            {"name":"Numbers","key":KEY:Numbers,"shape":"list<int32>"},
            {"name":"Array","key":KEY:Array,"shape":"array<int32>"},
            {"name":"Accesses","key":KEY:Accesses,"shape":"set<enum<App.Access>>"},
            {"name":"Steps","key":KEY:Steps,"shape":"dict<int32,list<object<App.Step>>>"},
            {"name":"States","key":KEY:States,"shape":"array<enum<App.State>>"},
            {"name":"Parent","key":KEY:Parent,"shape":"ref<app%3Cjob%3E%2C%25>"},
            {"name":"Family","key":KEY:Family,"shape":"list<ref<app.base>>"},
            {"name":"First","key":KEY:First,"shape":"object<App.Step>"},
            {"name":"Where","key":KEY:Where,"shape":"object<App.Point>"},
            {"name":"Loose","key":KEY:Loose,"shape":"object<App.Tolerant>"},
            {"name":"Bytes","key":KEY:Bytes,"shape":"opaque<App.Raw>"},
            {"name":"Kv","key":KEY:Kv,"shape":"opaque<System.Collections.Generic.KeyValuePair%3Cint%2C string%3E>"},
            {"name":"Nested","key":KEY:Nested,"shape":"enum<App.Outer+Inner>"},
            {"name":"Grid","key":KEY:Grid,"shape":"opaque<int[%2C]>"},
            {"name":"Renamed","key":KEY:Old,"shape":"int32"},
            {"name":"Pinned","key":3,"shape":"int32"}],
            "types":{
            "App.Access":{"enum":"int64","values":[["None",0],["Read",1],["Write",2]],"flags":true},
            "App.Outer+Inner":{"enum":"int32","values":[["One",0],["Two",1]]},
            "App.Point":{"object":"default","members":[["X","int32"],["Label","string"]],"struct":true},
            "App.State":{"enum":"byte","values":[["New",0],["Done",5]]},
            "App.Step":{"object":"default","members":[["State","enum<App.State>"],["At","datetime"],["Owner","ref<app%3Cjob%3E%2C%25>"],["Next","object<App.Step>"]]},
            "App.Tolerant":{"object":"versiontolerant","members":[["A","int32"]]}}}
            """.Replace("\r", "").Replace("\n", "");
        expected = System.Text.RegularExpressions.Regex.Replace(expected, "KEY:(\\w+)", m => Key(m.Groups[1].Value).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, document);

        // Valid JSON, keys where the contract puts them.
        using var json = JsonDocument.Parse(document);
        Assert.Equal(["format", "tag", "idPrefix", "type", "members", "types"], json.RootElement.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void The_hash_is_fnv1a_64_of_the_documents_utf8_bytes_and_is_emitted_with_it()
    {
        var output = Generate(EveryKind);
        var document = DocumentOf(output, "App.Job");
        Assert.Equal(Fnv1a64(document), HashOf(output, "App.Job"));
        Assert.NotEqual(0UL, HashOf(output, "App.Job"));

        // An abstract type has no serializer, so no document.
        Assert.Null(output.GetTypeByMetadataName("App.Base+Gc3Serializer"));
    }

    [Fact]
    public void The_same_input_gives_the_same_hash_and_a_changed_enum_member_another()
    {
        var first = HashOf(Generate(EveryKind), "App.Job");
        Assert.Equal(first, HashOf(Generate(EveryKind), "App.Job"));

        // An enum reached only through a [MemoryPackable] object's member, renamed: the holder's hash changes.
        var renamed = HashOf(Generate(EveryKind.Replace("New, Done = 5", "Fresh, Done = 5")), "App.Job");
        Assert.NotEqual(first, renamed);

        // A method added changes nothing persisted: the same hash.
        Assert.Equal(first, HashOf(Generate(EveryKind.Replace("public int Pinned { get; set; }", "public int Pinned { get; set; }\n\n    public int Twice() => Pinned * 2;")), "App.Job"));
    }

    [Fact]
    public void A_tag_with_quotes_and_control_characters_is_escaped_as_json()
    {
        const string source = /* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            [Persistable("say \"hi\"\\\t\u00e9")]
            public partial class Odd
            {
                public string Name { get; set; } = "";
            }
            """;
        var document = DocumentOf(Generate(source), "App.Odd");
        Assert.StartsWith("{\"format\":1,\"tag\":\"say \\\"hi\\\"\\\\\\u0009\u00e9\",", document, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(document);
        Assert.Equal("say \"hi\"\\\t\u00e9", json.RootElement.GetProperty("tag").GetString());
    }

    [Fact]
    public void The_record_format_example_carries_the_schema_hash_of_the_quick_starts_job()
    {
        var root = Repository.Root;
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var quickStart = readme[readme.IndexOf("## Quick start", StringComparison.Ordinal)..];
        var start = quickStart.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var classes = quickStart[start..quickStart.IndexOf("```", start, StringComparison.Ordinal)];
        var hash = HashOf(Generate("using System.Collections.Generic;\n" + classes), "Job");

        var page = File.ReadAllText(Path.Combine(root, "docs", "record-format.md"));
        var line = page[page.IndexOf("\n0005  ", page.IndexOf("## Example", StringComparison.Ordinal), StringComparison.Ordinal)..].Split('\n')[1];
        var bytes = Convert.FromHexString(line.Substring(6, 23).Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(hash, BitConverter.ToUInt64(bytes));
        Assert.Contains($"0x{hash:X16}", line, StringComparison.Ordinal);
    }

    internal static Compilation Generate(string source)
        => GeneratorHarness.RunClean(GeneratorHarness.CreateCompilation(source)).Output;

    internal static string DocumentOf(Compilation output, string type)
        => (string)Constant(output, type, "SchemaDocument");

    internal static ulong HashOf(Compilation output, string type)
        => (ulong)Constant(output, type, "SchemaHash");

    private static object Constant(Compilation output, string type, string name)
    {
        var serializer = output.GetTypeByMetadataName(type + "+Gc3Serializer") ?? throw new InvalidOperationException($"{type} has no Gc3Serializer");
        var field = serializer.GetMembers(name).OfType<IFieldSymbol>().Single();
        Assert.True(field.HasConstantValue);
        return field.ConstantValue!;
    }

    /// <summary>A member's name key, computed here rather than by the generator: FNV-1a of its UTF-8 name, top bit set.</summary>
    internal static uint Key(string name)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return hash | 0x80000000u;
    }

    private static ulong Fnv1a64(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 1099511628211UL);
        }

        return hash == 0 ? 1 : hash;
    }
}
