// Linked into the generator (netstandard2.0) with ResolutionRules.cs: no spans, ranges or newer APIs.
#nullable enable
using System;
using System.Collections.Generic;

namespace Gc3.Persistence.Schemas;

/// <summary>
/// What <see cref="ResolutionRules"/> needs of one schema document besides its member shapes: the enums and
/// objects of its <c>types</c>, and the enums each opaque type holds (its <c>opaque</c> table), by name.
/// </summary>
internal sealed class RuleSchema
{
    /// <summary>A schema of <paramref name="types"/> and <paramref name="opaque"/> (opaque type name: the enums it holds, stored by number).</summary>
    public RuleSchema(IDictionary<string, RuleType> types, IDictionary<string, IList<string>>? opaque)
    {
        Types = types;
        Opaque = opaque ?? new Dictionary<string, IList<string>>(StringComparer.Ordinal);
    }

    /// <summary>The enums and objects, by name.</summary>
    public IDictionary<string, RuleType> Types { get; }

    /// <summary>
    /// The enums inside each opaque type (an unmanaged struct, a tuple, ...), by the opaque type's name: MemoryPack
    /// stores them by number. A document written before it had this table has none: such a writer is not checked.
    /// </summary>
    public IDictionary<string, IList<string>> Opaque { get; }

    /// <summary>The type named <paramref name="name"/>, or <see langword="null"/>.</summary>
    public RuleType? Find(string name) => Types.TryGetValue(name, out var type) ? type : null;
}
