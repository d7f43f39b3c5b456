namespace Gc3.Persistence.Tests.Schemas;

/// <summary>
/// What <c>gc3p show</c> and <c>dump</c> print is the value stored, to the last bit a JSON reader can tell:
/// strings of any UTF-16 code units, negative zero, a decimal's scale, the extremes of every scalar.
/// </summary>
public sealed class RecordJsonExactnessTests() : SavedRecordsTests("record-json-exact")
{
    [Fact]
    public void Strings_with_lone_surrogates_and_U0000_are_shown_as_JSON_escapes_of_their_code_units()
    {
        var job = new Job { Name = "a\uD800b\0", Arguments = ["\uDFFF", "\uD83D\uDE00", null!], Environment = new() { ["k"] = "\uD83D" }, Output = "\"\\\u001f\u007fé\uDC00" };

        var text = Text(job, TestSchemas.Job);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;

        Assert.Contains("\"Name\":\"a\\uD800b\\u0000\"", text, StringComparison.Ordinal);
        Assert.Equal("\"\\\"\\\\\\u001F\\u007F\\u00E9\\uDC00\"", root.GetProperty("Output").GetRawText());
        Assert.Equal("\"\\uDFFF\"", root.GetProperty("Arguments")[0].GetRawText());
        Assert.Equal("\uD83D\uDE00", root.GetProperty("Arguments")[1].GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("Arguments")[2].ValueKind);
        Assert.Equal("\"\\uD83D\"", root.GetProperty("Environment").GetProperty("k").GetRawText());
    }

    [Fact]
    public void A_dictionary_key_with_a_lone_surrogate_is_a_clear_error_not_a_key_shown_as_another()
    {
        var job = new Job { Name = "x", Environment = new() { ["a\uD800"] = "v" } };

        var e = Assert.Throws<LoadException>(() => Text(job, TestSchemas.Job));

        Assert.Contains("member 'Environment'", e.Message, StringComparison.Ordinal);
        Assert.Contains("lone surrogate U+D800 at index 1, which a JSON property name cannot show", e.Message, StringComparison.Ordinal);
        var record = SaveRecord(job, out var id);
        Assert.True(Gc3.Persistence.Serialization.PersistableRegistry.TryGet(typeof(Job), out var serializer));
        RecordJson.CheckRecord(SchemaDocument.Parse(serializer.SchemaDocument), record, id); // verify: the record is sound
    }

    [Fact]
    public void A_dictionary_key_stored_twice_is_a_clear_error_in_decoding_and_checking_not_one_value_hidden()
    {
        var job = new Job { Name = "x", Environment = new() { ["QQ1"] = "first", ["QQ2"] = "second" } };
        var record = SaveRecord(job, out var id);
        var at = record.AsSpan().IndexOf("QQ2"u8);
        Assert.True(at > 0);
        "QQ1"u8.CopyTo(record.AsSpan(at)); // forged: the second key is the first one again
        RecordEditing.Resealed(record);
        Assert.True(Gc3.Persistence.Serialization.PersistableRegistry.TryGet(typeof(Job), out var serializer));
        var document = SchemaDocument.Parse(serializer.SchemaDocument);
        using var writer = new Utf8JsonWriter(new System.Buffers.ArrayBufferWriter<byte>());

        // The application cannot load it (a dictionary holds a key once); 'gc3p dump' printed {"QQ1":"first","QQ1":"second"},
        // which a JSON reader takes as one key, and 'gc3p verify' found it sound.
        var decoded = Assert.Throws<LoadException>(() => RecordJson.WriteRecord(writer, document, record, id));
        var checkedRecord = Assert.Throws<LoadException>(() => RecordJson.CheckRecord(document, record, id));
        foreach (var e in new[] { decoded, checkedRecord })
        {
            Assert.Contains("member 'Environment'", e.Message, StringComparison.Ordinal);
            Assert.Contains("holds the key 'QQ1' twice", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Numbers_keep_their_sign_scale_and_extremes()
    {
        var sample = new SchemaSample
        {
            Double = -0.0, Single = -0.0f, Half = BitConverter.Int16BitsToHalf(unchecked((short)0x8000)), Decimal = 1.00m,
            Int128 = Int128.MinValue, UInt64 = ulong.MaxValue, Duration = TimeSpan.MinValue, Day = DateOnly.MaxValue, Time = TimeOnly.MaxValue,
            When = DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc), WhenOffset = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(-345)).AddTicks(1),
        };

        using var json = JsonDocument.Parse(Text(sample, null));
        var root = json.RootElement;

        Assert.Equal("-0", root.GetProperty("Double").GetRawText());
        Assert.Equal("-0", root.GetProperty("Single").GetRawText());
        Assert.Equal("-0", root.GetProperty("Half").GetRawText());
        Assert.Equal("1.00", root.GetProperty("Decimal").GetRawText());
        Assert.Equal("-170141183460469231731687303715884105728", root.GetProperty("Int128").GetRawText());
        Assert.Equal("18446744073709551615", root.GetProperty("UInt64").GetRawText());
        Assert.Equal("-10675199.02:48:05.4775808", root.GetProperty("Duration").GetString());
        Assert.Equal("9999-12-31", root.GetProperty("Day").GetString());
        Assert.Equal("23:59:59.9999999", root.GetProperty("Time").GetString());
        Assert.Equal("9999-12-31T23:59:59.9999999Z", root.GetProperty("When").GetString());
        Assert.Equal("2026-01-01T00:00:00.0000001-05:45", root.GetProperty("WhenOffset").GetString());
    }

    [Fact]
    public void A_decimal_negative_zero_keeps_its_sign_and_scale()
    {
        var negativeZero = decimal.Negate(0.00m); // a sign bit and a scale of 2, which the record holds
        using var json = JsonDocument.Parse(Text(new SchemaSample { Decimal = negativeZero }, null));
        var shown = json.RootElement.GetProperty("Decimal");

        Assert.Equal("-0.00", shown.GetRawText()); // before, "0.00": .NET prints a negative zero without its sign
        Assert.Equal(decimal.GetBits(negativeZero), decimal.GetBits(shown.GetDecimal()));
    }

    // The JSON text as written (not parsed): with no document, the whole record by its type's document; with a hand-written one, the body.
    private string Text(object obj, string? documentText)
    {
        var record = SaveRecord(obj, out var id);
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            if (documentText is not null)
            {
                RecordFormat.ReadHeader(id, record, out var body);
                RecordJson.WriteBody(writer, SchemaDocument.Parse(documentText), record[body]);
            }
            else
            {
                Assert.True(Gc3.Persistence.Serialization.PersistableRegistry.TryGet(obj.GetType(), out var serializer));
                RecordJson.WriteRecord(writer, SchemaDocument.Parse(serializer.SchemaDocument), record, id);
            }
        }

        return System.Text.Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
