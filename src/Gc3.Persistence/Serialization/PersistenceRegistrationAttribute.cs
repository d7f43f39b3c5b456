using System.ComponentModel;

namespace Gc3.Persistence.Serialization;

/// <summary>
/// Names an assembly's registration class, which has a <c>public static void EnsureRegistered()</c>.
/// The generator adds it to every assembly with persistable types; store packages declare it by hand.
/// The generator of an application calls the registration of every referenced assembly that carries
/// it from its own module initializer, so registration never depends on which assembly loads first.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class PersistenceRegistrationAttribute(Type registrationType) : Attribute
{
    /// <summary>The class with the <c>EnsureRegistered</c> method.</summary>
    public Type RegistrationType { get; } = registrationType;
}
