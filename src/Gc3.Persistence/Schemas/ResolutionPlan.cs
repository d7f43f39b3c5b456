using System.Buffers;
using System.Buffers.Binary;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// How the records of one writer schema load into one reader schema (issue 15 §3): per member key of the
/// writer, skip it (the reader no longer has it), copy it (same shape), or convert its bytes to the reader's
/// shape (<see cref="ShapeConverter"/>); a member no rule converts (<see cref="ResolutionRules.Check"/>, the
/// table the schema lock applies too) fails the load of every record that holds it, with a message naming the member, both shapes and the way out. <see cref="Transcode"/>
/// rewrites a body so the reader's generated code reads it as a record of its own; members the writer did
/// not have are absent, so they keep their initializers.
/// </summary>
internal sealed class ResolutionPlan
{
    private readonly Dictionary<uint, MemberPlan> _members = [];
    private readonly string _typeName;

    private ResolutionPlan(SchemaDocument writer, SchemaDocument reader)
    {
        Writer = writer;
        Reader = reader;
        _typeName = reader.TypeName;
        foreach (var member in writer.Members)
        {
            var target = reader.FindMember(member.Key);
            if (target is null)
            {
                _members[member.Key] = new MemberPlan(member, null, null, null);
                continue;
            }

            // The verdict is the rules' (the table the schema lock applies too); the converter only carries it out.
            var refused = ResolutionRules.Check(member.Shape.ToString(), target.Shape.ToString(), writer.Rules, reader.Rules, null);
            if (refused is not null)
            {
                _members[member.Key] = new MemberPlan(member, target, null, refused);
                IsIdentity = false;
                continue;
            }

            if (ShapeConverter.AreEqual(writer, member.Shape, reader, target.Shape))
            {
                _members[member.Key] = new MemberPlan(member, target, null, null);
                continue;
            }

            var converter = ShapeConverter.Build(writer, member.Shape, reader, target.Shape, out var reason);
            _members[member.Key] = new MemberPlan(member, target, converter, converter is null ? reason : null);
            IsIdentity = false;
        }

        IsIdentity = IsIdentity && writer.Members.All(m => reader.FindMember(m.Key) is not null);
    }

    /// <summary>The schema the records were written with.</summary>
    public SchemaDocument Writer { get; }

    /// <summary>The schema of the type that loads them.</summary>
    public SchemaDocument Reader { get; }

    /// <summary>Whether every writer member reads unchanged: the body needs no rewriting.</summary>
    public bool IsIdentity { get; } = true;

    /// <summary>Builds the plan of records of <paramref name="writer"/> loaded as <paramref name="reader"/>.</summary>
    public static ResolutionPlan Build(SchemaDocument writer, SchemaDocument reader) => new(writer, reader);

    /// <summary>The message of a member no rule converts, or whose stored value does not convert.</summary>
    public static string Unresolvable(string typeName, SchemaMember writer, SchemaMember reader, string reason, bool value)
        => reason.EndsWith(ResolutionRules.RenumberingWayOut, StringComparison.Ordinal) || writer.Shape.Equals(reader.Shape)
            // The member's type kept its name (an enum lost a member, a struct's enum was renumbered): the reason
            // says what changed inside it and the way out; renaming the member would not help.
            ? $"the member '{reader.Name}' of {typeName} ({reader.Shape}) no longer reads as it was written: {reason}"
            : $"the member '{reader.Name}' of {typeName} was written as {writer.Shape} and is declared {reader.Shape} now"
            + (value ? $", and its stored value does not convert: {reason}. " : $", which no resolution rule converts: {reason}. ")
            + $"The way out: give the changed member a new name, and add a member of the old type with [PersistName(\"{writer.Name}\")] "
            + "that receives the old values, to convert them in OnPersistenceLoaded (see docs/changing-your-classes.md). "
            + "If a newer version of the application wrote the record, update this one instead";

    /// <summary>
    /// Rewrites <paramref name="body"/> (the writer's layout) into <paramref name="output"/> in the reader's, its values
    /// nesting at most <paramref name="maxDepth"/> deep (<see cref="StoreOptions.MaxNestingDepth"/>). The names of the
    /// members the body holds and the reader does not have (skipped) are added to <paramref name="dropped"/>, and so
    /// are those of <c>[MemoryPackable]</c> objects inside it (<c>Type.Member (in Member)</c>).
    /// </summary>
    public void Transcode(Id? id, ReadOnlySpan<byte> body, ArrayBufferWriter<byte> output, int maxDepth = SchemaWalker.MaxDepth, List<string>? dropped = null)
    {
        var source = new SchemaBodyReader(body, maxDepth);
        var count = source.ReadInt32("the member count");
        if (count < 0 || count > source.Remaining / 8)
        {
            throw new InvalidDataException($"the record claims {count} members, more than its {source.Remaining} remaining bytes can hold");
        }

        var countAt = output.WrittenCount;
        output.GetSpan(4);
        output.Advance(4);
        var written = 0;
        for (var i = 0; i < count; i++)
        {
            var key = BinaryPrimitives.ReadUInt32LittleEndian(source.Take(4, "a member key"));
            var length = source.ReadInt32("a member length");
            var bytes = source.Take(length, "a member");
            if (!_members.TryGetValue(key, out var plan))
            {
                Member(output, key, bytes); // a key the writer's schema does not list: the reader decides
                written++;
                continue;
            }

            if (plan.Reader is null)
            {
                dropped?.Add(plan.Writer.Name); // removed since, or added by a newer version: skipped
                continue;
            }

            written++;
            if (plan.Failure is not null)
            {
                throw new LoadException(id, Unresolvable(_typeName, plan.Writer, plan.Reader, plan.Failure, value: false));
            }

            if (plan.Converter is null)
            {
                Member(output, key, bytes);
                continue;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(output.GetSpan(8), key);
            output.Advance(8);
            var start = output.WrittenCount;
            var value = new SchemaBodyReader(bytes, maxDepth);
            try
            {
                plan.Converter.Convert(ref value, output, 0);
                if (value.Remaining != 0)
                {
                    throw new InvalidDataException($"{value.Remaining} of its {length} bytes follow its value: it was not written as a {plan.Writer.Shape}");
                }

                foreach (var inside in value.Dropped ?? [])
                {
                    dropped?.Add($"{inside} (in {plan.Reader.Name})"); // a [MemoryPackable] object's member the reader's version lacks
                }
            }
            catch (Exception e) when (e is SchemaConversionException or InvalidDataException)
            {
                throw new LoadException(id, Unresolvable(_typeName, plan.Writer, plan.Reader, e.Message, value: true), e);
            }

            Patch(output, start - 4, output.WrittenCount - start);
        }

        if (source.Remaining != 0)
        {
            throw new InvalidDataException($"{source.Remaining} bytes follow the last member");
        }

        Patch(output, countAt, written);
    }

    private static void Member(ArrayBufferWriter<byte> output, uint key, ReadOnlySpan<byte> bytes)
    {
        var span = output.GetSpan(8 + bytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span, key);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], bytes.Length);
        bytes.CopyTo(span[8..]);
        output.Advance(8 + bytes.Length);
    }

    // ArrayBufferWriter offers no random write: its WrittenMemory is the same array, so write through it.
    private static void Patch(ArrayBufferWriter<byte> output, int at, int value)
        => BinaryPrimitives.WriteInt32LittleEndian(System.Runtime.InteropServices.MemoryMarshal.AsMemory(output.WrittenMemory).Span[at..], value);

    private sealed record MemberPlan(SchemaMember Writer, SchemaMember? Reader, ShapeConverter? Converter, string? Failure);
}
