namespace Gc3.Persistence.Generators;

/// <summary>One row of the README's "What is persisted" table: a kind of member, whether it is persisted, and why.</summary>
internal sealed record MemberRuleRow(MemberRule Rule, string Member, bool Persisted, string Why);
