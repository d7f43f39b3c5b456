using System.ComponentModel;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// The generated persistence state of an object: its <see cref="IPersistable.PersistentId"/>, <see cref="IPersistable.Changed"/>
/// and record versions, held in one field of the generated part. Not meant to be used by hand.
/// <para>
/// It remembers the object it belongs to: a copy of the fields (a record's <c>with</c>, <c>MemberwiseClone</c>) carries
/// the original's state along, but the copy is a new object, so it reads as having no ID and no versions (it gets an
/// ID of its own when saved) and as changed. Two states are always equal and hash alike, so the generated field takes
/// no part in a record's equality or <c>GetHashCode</c>.
/// </para>
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct PersistenceState : IEquatable<PersistenceState>
{
    private object? _owner;
    private Id? _id;
    private object? _versions;
    private bool _changed;

    /// <summary>The ID of <paramref name="self"/>; <see langword="null"/> for a copy of another object.</summary>
    public readonly Id? IdOf(object self) => ReferenceEquals(_owner, self) ? _id : null;

    /// <summary>Sets the ID of <paramref name="self"/>.</summary>
    public void SetId(object self, Id? id)
    {
        Own(self);
        _id = id;
    }

    /// <summary>Whether <paramref name="self"/> changed; a copy of another object always did.</summary>
    public readonly bool ChangedOf(object self) => ReferenceEquals(_owner, self) ? _changed : _owner is not null;

    /// <summary>Sets whether <paramref name="self"/> changed.</summary>
    public void SetChanged(object self, bool changed)
    {
        Own(self);
        _changed = changed;
    }

    /// <summary>The record versions of <paramref name="self"/>; <see langword="null"/> for a copy of another object.</summary>
    public readonly object? VersionsOf(object self) => ReferenceEquals(_owner, self) ? _versions : null;

    /// <summary>Sets the record versions of <paramref name="self"/>.</summary>
    public void SetVersions(object self, object? versions)
    {
        Own(self);
        _versions = versions;
    }

    /// <summary>Always <see langword="true"/>: the state is not part of an object's value.</summary>
    public readonly bool Equals(PersistenceState other) => true;

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is PersistenceState;

    /// <summary>The same for every state: the state is not part of an object's value.</summary>
    public override readonly int GetHashCode() => 0;

    /// <summary>Always <see langword="true"/>.</summary>
    public static bool operator ==(PersistenceState left, PersistenceState right) => true;

    /// <summary>Always <see langword="false"/>.</summary>
    public static bool operator !=(PersistenceState left, PersistenceState right) => false;

    // A copy's first write makes the state its own, starting from nothing of the original's.
    private void Own(object self)
    {
        if (!ReferenceEquals(_owner, self))
        {
            _owner = self;
            _id = null;
            _versions = null;
            _changed = false;
        }
    }
}
