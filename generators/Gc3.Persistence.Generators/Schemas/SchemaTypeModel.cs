using System.Collections.Generic;

namespace Gc3.Persistence.Generators.Schemas;

/// <summary>An enum (its member names) or a <c>[MemoryPackable]</c> object (its members' names and shapes) of a <see cref="SchemaModel"/>.</summary>
internal sealed class SchemaTypeModel(string name, bool isEnum, string mode, List<string> names, List<string> shapes)
{
    public string Name { get; } = name;

    public bool IsEnum { get; } = isEnum;

    /// <summary>An enum's underlying scalar; an object's mode.</summary>
    public string Mode { get; } = mode;

    /// <summary>An enum's member names or an object's member names, in order.</summary>
    public List<string> Names { get; } = names;

    /// <summary>An enum's values (as text) or an object's member shapes, in order.</summary>
    public List<string> Shapes { get; } = shapes;
}
