namespace Gc3.Persistence.Tests.Schemas;

/// <summary>Hand-written schema documents of test types, in the format of the generator's (issue 15).</summary>
internal static class TestSchemas
{
    public const string JobStateType = "\"Gc3.Persistence.TestModel.JobState\":{\"enum\":\"int32\",\"values\":[[\"New\",0],[\"Submitted\",1],[\"Running\",2],[\"Terminated\",3]]}";

    /// <summary>The key of a member named <paramref name="name"/>: FNV-1a 32 of its UTF-8 bytes, top bit set.</summary>
    public static uint Key(string name)
    {
        var hash = 0x811C9DC5u;
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            hash = (hash ^ b) * 0x01000193u;
        }

        return hash | 0x80000000u;
    }

    /// <summary>A document of members (name, shape), keyed by name, and the given types' JSON.</summary>
    public static string Document(string tag, string prefix, string type, (string Name, string Shape)[] members, string types = "")
    {
        var text = new StringBuilder();
        text.Append($"{{\"format\":1,\"tag\":\"{tag}\",\"idPrefix\":\"{prefix}\",\"type\":\"{type}\",\"members\":[");
        text.AppendJoin(',', members.Select(m => $"{{\"name\":\"{m.Name}\",\"key\":{Key(m.Name)},\"shape\":\"{m.Shape}\"}}"));
        text.Append($"],\"types\":{{{types}}}}}");
        return text.ToString();
    }

    public static string Job => Document("test.job", "Job", "Gc3.Persistence.TestModel.Job",
        [
            ("Name", "string"), ("State", "enum<Gc3.Persistence.TestModel.JobState>"), ("Arguments", "list<string>"),
            ("Environment", "dict<string,string>"), ("Cores", "int32"), ("MemoryMB", "int64"), ("Submitted", "datetime"),
            ("ExitCode", "nullable<int32>"), ("Output", "string"), ("Executable", "ref<Gc3.Persistence.TestModel.Executable>"),
        ],
        JobStateType);

    public static string Sample => Document("schema.sample", "SchemaSample", "Gc3.Persistence.Tests.Schemas.SchemaSample",
        [
            ("Flag", "bool"), ("Byte", "byte"), ("SByte", "sbyte"), ("Int16", "int16"), ("UInt16", "uint16"), ("Int32", "int32"),
            ("UInt32", "uint32"), ("Int64", "int64"), ("UInt64", "uint64"), ("Int128", "int128"), ("UInt128", "uint128"),
            ("Half", "float16"), ("Single", "float32"), ("Double", "float64"), ("Decimal", "decimal"), ("Char", "char"),
            ("When", "datetime"), ("WhenOffset", "datetimeoffset"), ("Duration", "timespan"), ("Day", "dateonly"),
            ("Time", "timeonly"), ("Guid", "guid"), ("Big", "biginteger"), ("Link", "uri"), ("Text", "string"),
            ("MaybeInt", "nullable<int32>"), ("MaybeOffset", "nullable<datetimeoffset>"), ("MaybeGuid", "nullable<guid>"),
            ("Color", "enum<Gc3.Persistence.Tests.Schemas.SampleColor>"), ("MaybeColor", "nullable<enum<Gc3.Persistence.Tests.Schemas.SampleColor>>"),
            ("Access", "enum<Gc3.Persistence.Tests.Schemas.SampleAccess>"), ("Numbers", "list<int32>"), ("Words", "array<string>"),
            ("Longs", "set<int64>"), ("Pairs", "dict<int32,int64>"), ("Groups", "dict<string,list<int32>>"),
            ("Counts", "dict<enum<Gc3.Persistence.TestModel.JobState>,int32>"), ("Jobs", "list<ref<test.job>>"), ("Job", "ref<test.job>"),
            ("Box", "object<Gc3.Persistence.Tests.Schemas.SampleBox>"), ("Point", "object<Gc3.Persistence.Tests.Schemas.SamplePoint>"),
            ("MaybePoint", "nullable<object<Gc3.Persistence.Tests.Schemas.SamplePoint>>"), ("Points", "list<object<Gc3.Persistence.Tests.Schemas.SamplePoint>>"),
            ("Tree", "object<Gc3.Persistence.Tests.Schemas.SampleTree>"),
        ],
        JobStateType
        + ",\"Gc3.Persistence.Tests.Schemas.SampleAccess\":{\"enum\":\"int32\",\"values\":[[\"None\",0],[\"Read\",1],[\"Write\",2],[\"Execute\",4]],\"flags\":true}"
        + ",\"Gc3.Persistence.Tests.Schemas.SampleBox\":{\"object\":\"default\",\"members\":[[\"Label\",\"string\"],[\"Size\",\"int32\"],[\"Job\",\"ref<test.job>\"]]}"
        + ",\"Gc3.Persistence.Tests.Schemas.SampleColor\":{\"enum\":\"byte\",\"values\":[[\"Red\",1],[\"Green\",2]]}"
        + ",\"Gc3.Persistence.Tests.Schemas.SamplePoint\":{\"object\":\"default\",\"members\":[[\"X\",\"int32\"],[\"Y\",\"int64\"],[\"Z\",\"byte\"]],\"struct\":true}"
        + ",\"Gc3.Persistence.Tests.Schemas.SampleTree\":{\"object\":\"default\",\"members\":[[\"Name\",\"string\"],[\"Children\",\"list<object<Gc3.Persistence.Tests.Schemas.SampleTree>>\"]]}");
}
