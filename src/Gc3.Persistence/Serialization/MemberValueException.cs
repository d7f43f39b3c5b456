namespace Gc3.Persistence.Serialization;

/// <summary>
/// A member's stored value that the loading class cannot hold as it is, with a message that names the member and
/// says why: a load reports it as it is, not as a corrupt record.
/// </summary>
internal sealed class MemberValueException(string message, Exception? inner) : Exception(message, inner);
