using System.Globalization;

namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// Member keys (<see cref="PersistableRules.KeyOf"/>) must be unique across a type and its persistable base types:
/// two <c>[PersistOrder]</c> pins (GC3P008) or two name keys (GC3P009) that are equal make records ambiguous.
/// A key attribute that has no effect is reported too (GC3P010).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MemberKeyAnalyzer() : PersistableFactsAnalyzer(
    DiagnosticDescriptors.DuplicateOrderKey,
    DiagnosticDescriptors.DuplicateNameKey,
    DiagnosticDescriptors.KeyAttributeIgnored)
{
    /// <inheritdoc/>
    private protected override void AnalyzeFacts(SymbolAnalysisContext context, TypeFacts facts, PersistenceSymbols symbols)
    {
        // Keys of the persistable base types come first: they are written first, and are reported on those types.
        var taken = new Dictionary<uint, MemberFacts>();
        var bases = new List<TypeFacts>();
        for (var current = facts.Type.BaseType; current is not null; current = current.BaseType)
        {
            if (symbols.FactsOf(current) is { } baseFacts)
            {
                bases.Insert(0, baseFacts);
            }
        }

        foreach (var declaring in bases)
        {
            foreach (var member in declaring.Members)
            {
                if (member.IsWritten && !taken.ContainsKey(member.Key))
                {
                    taken[member.Key] = member;
                }
            }
        }

        foreach (var member in facts.Members)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!member.IsWritten)
            {
                ReportIgnoredOnUnpersisted(context, facts, member, member.PersistOrder, "[PersistOrder]");
                ReportIgnoredOnUnpersisted(context, facts, member, member.PersistName, "[PersistName]");
                continue;
            }

            ReportIgnoredArguments(context, facts, member);
            if (!taken.TryGetValue(member.Key, out var other))
            {
                taken[member.Key] = member;
                continue;
            }

            if (member.Key < MemberKeys.NameKeyBit)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateOrderKey,
                    PersistenceSymbols.ArgumentLocation(member.PersistOrder!, 0, member.Symbol, context.CancellationToken),
                    facts.DisplayName,
                    member.Symbol.Name,
                    member.Key.ToString(CultureInfo.InvariantCulture),
                    Describe(other.Symbol)));
            }
            else
            {
                var name = StoredName(member);
                var otherName = StoredName(other);
                var reason = name == otherName
                    ? $"both are stored under the name '{name}'"
                    : $"the names '{name}' and '{otherName}' hash to the same key";
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateNameKey,
                    member.PersistName is { } rename
                        ? PersistenceSymbols.ArgumentLocation(rename, 0, member.Symbol, context.CancellationToken)
                        : PersistenceSymbols.IdentifierLocation(member.Symbol),
                    facts.DisplayName,
                    member.Symbol.Name,
                    Describe(other.Symbol),
                    reason));
            }
        }
    }

    private static void ReportIgnoredOnUnpersisted(SymbolAnalysisContext context, TypeFacts type, MemberFacts facts, AttributeData? attribute, string attributeName)
    {
        if (attribute is null || facts.IsPersisted)
        {
            return; // a persisted member that is not written has a type problem, reported as GC3P002 already
        }

        var member = facts.Symbol;
        ReportIgnored(
            context,
            PersistenceSymbols.AttributeLocation(attribute, member, context.CancellationToken),
            attributeName,
            type,
            member,
            PersistableRules.WhyNotPersisted(PersistableRules.ClassifyMember(member, out _)));
    }

    private static void ReportIgnoredArguments(SymbolAnalysisContext context, TypeFacts type, MemberFacts facts)
    {
        var member = facts.Symbol;
        var order = facts.PersistOrder;
        var rename = facts.PersistName;
        if (order is { ConstructorArguments.Length: 1 } && order.ConstructorArguments[0].Value is int pinned && pinned < 0)
        {
            ReportIgnored(
                context,
                PersistenceSymbols.ArgumentLocation(order, 0, member, context.CancellationToken),
                "[PersistOrder]",
                type,
                member,
                $"the key {pinned.ToString(CultureInfo.InvariantCulture)} is negative (keys run from 0 to 2147483647), so the member is stored under its name");
        }

        if (rename is { ConstructorArguments.Length: 1 } && rename.ConstructorArguments[0].Value is null or "")
        {
            ReportIgnored(
                context,
                PersistenceSymbols.ArgumentLocation(rename, 0, member, context.CancellationToken),
                "[PersistName]",
                type,
                member,
                $"the name is empty, so the member is stored under its own name '{member.Name}'");
        }
    }

    // GC3P010: "The {0} on '{1}.{2}' is ignored: {3}".
    private static void ReportIgnored(SymbolAnalysisContext context, Location location, string attributeName, TypeFacts type, ISymbol member, string why)
        => context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.KeyAttributeIgnored, location, attributeName, type.DisplayName, member.Name, why));

    private static string StoredName(MemberFacts member)
        => member.PersistName is { ConstructorArguments.Length: 1 } rename && rename.ConstructorArguments[0].Value is string { Length: > 0 } stored
            ? stored
            : member.Symbol.Name;

    private static string Describe(ISymbol member) => member.ContainingType.Name + "." + member.Name;
}
