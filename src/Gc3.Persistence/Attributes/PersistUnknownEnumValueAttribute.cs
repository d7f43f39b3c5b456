namespace Gc3.Persistence;

/// <summary>
/// Marks the one member of an enum that a stored value loads as when the enum no longer has the name the
/// record holds (issue 15: enum values are resolved by name). Without it, such a record fails to load
/// with a <see cref="LoadException"/> naming the member and the lost name.
/// <code>
/// public enum JobState { New, Running, Done, [PersistUnknownEnumValue] Unknown }
/// </code>
/// </summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class PersistUnknownEnumValueAttribute : Attribute
{
}
