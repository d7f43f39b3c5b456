namespace Gc3.Persistence;

/// <summary>Leaves a property or field of a <see cref="PersistableAttribute"/> type out of its records.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class PersistIgnoreAttribute : Attribute
{
}
