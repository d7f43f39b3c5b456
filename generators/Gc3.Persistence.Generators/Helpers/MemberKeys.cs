namespace Gc3.Persistence.Generators.Helpers;

/// <summary>
/// The key a member is stored under. A <c>[PersistOrder(n)]</c> pin is the number n (below 2^31);
/// otherwise the key is FNV-1a of the member's (or its <c>[PersistName]</c>'s) UTF-8 name with the top
/// bit set, so that adding, removing and reordering members never moves another member's key, and
/// the two kinds of key can never collide.
/// </summary>
internal static class MemberKeys
{
    public const uint NameKeyBit = 0x8000_0000u;

    public static uint FromName(string name) => Fnv1a.Hash(name) | NameKeyBit;

    public static uint FromOrder(int order) => (uint)order;
}
