// Linked into the generator (netstandard2.0) with ResolutionRules.cs: no spans, ranges or newer APIs.
#nullable enable
using System.Collections.Generic;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// An enum or a <c>[MemoryPackable]</c> object of a schema document's <c>types</c>, as <see cref="ResolutionRules"/>
/// compares them: built from the runtime's parsed document and from the schema lock's, so both decide alike.
/// </summary>
internal sealed class RuleType(string name, bool isEnum, string mode, bool isStruct, IList<string> names, IList<long> numbers, IList<string> shapes, string? unknown)
{
    /// <summary>An enum: its underlying scalar, members (name, number) in declaration order, and the member that takes unknown names.</summary>
    public RuleType(string name, string underlying, IList<string> names, IList<long> numbers, string? unknown)
        : this(name, isEnum: true, underlying, isStruct: false, names, numbers, [], unknown)
    {
    }

    /// <summary>An object: its MemoryPack mode, whether it is a struct, and its members (name, shape) in MemoryPack's order.</summary>
    public RuleType(string name, string mode, bool isStruct, IList<string> names, IList<string> shapes)
        : this(name, isEnum: false, mode, isStruct, names, [], shapes, unknown: null)
    {
    }

    /// <summary>The type's CLR full name, as shapes name it.</summary>
    public string Name { get; } = name;

    /// <summary>Whether it is an enum (else a <c>[MemoryPackable]</c> object).</summary>
    public bool IsEnum { get; } = isEnum;

    /// <summary>An enum's underlying scalar (<c>int32</c>); an object's mode (<c>default</c>, <c>versiontolerant</c>, <c>circular</c>, <c>union</c>).</summary>
    public string Mode { get; } = mode;

    /// <summary>An object's being a struct.</summary>
    public bool IsStruct { get; } = isStruct;

    /// <summary>An enum's member names or an object's member names, in order.</summary>
    public IList<string> Names { get; } = names;

    /// <summary>An enum's member numbers, in order (empty for an object).</summary>
    public IList<long> Numbers { get; } = numbers;

    /// <summary>An object's member shapes, in order (empty for an enum).</summary>
    public IList<string> Shapes { get; } = shapes;

    /// <summary>An enum's member marked <c>[PersistUnknownEnumValue]</c>, or <see langword="null"/>.</summary>
    public string? Unknown { get; } = unknown;
}
