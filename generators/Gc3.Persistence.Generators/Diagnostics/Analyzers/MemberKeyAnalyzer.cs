using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Gc3.Persistence.Generators.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// Member keys (<see cref="PersistableRules.KeyOf"/>) must be unique across a type and its persistable base types:
/// two <c>[PersistOrder]</c> pins (GC3P008) or two name keys (GC3P009) that are equal make records ambiguous.
/// A key attribute that has no effect is reported too (GC3P010).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MemberKeyAnalyzer : NamedTypeAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.DuplicateOrderKey,
        DiagnosticDescriptors.DuplicateNameKey,
        DiagnosticDescriptors.KeyAttributeIgnored);

    /// <inheritdoc/>
    private protected override void AnalyzeType(SymbolAnalysisContext context, PersistenceSymbols symbols)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (symbols.PersistableAttributeOf(type) is null || PersistableRules.UnsupportedKind(type) is not null)
        {
            return;
        }

        // Keys of the persistable base types come first: they are written first, and are reported on those types.
        var taken = new Dictionary<uint, ISymbol>();
        var bases = new List<INamedTypeSymbol>();
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (symbols.PersistableAttributeOf(current) is not null)
            {
                bases.Insert(0, current);
            }
        }

        foreach (var declaring in bases)
        {
            foreach (var member in declaring.GetMembers())
            {
                if (IsPersisted(member, context.Compilation))
                {
                    var key = PersistableRules.KeyOf(member);
                    if (!taken.ContainsKey(key))
                    {
                        taken[key] = member;
                    }
                }
            }
        }

        foreach (var member in type.GetMembers())
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (member is not (IPropertySymbol or IFieldSymbol))
            {
                continue; // the key attributes apply to properties and fields only; accessors and methods are most members
            }

            var order = PersistenceSymbols.Find(member, symbols.PersistOrder);
            var rename = PersistenceSymbols.Find(member, symbols.PersistName);
            if (!IsPersisted(member, context.Compilation))
            {
                ReportIgnoredOnUnpersisted(context, type, member, order, "[PersistOrder]");
                ReportIgnoredOnUnpersisted(context, type, member, rename, "[PersistName]");
                continue;
            }

            ReportIgnoredArguments(context, type, member, order, rename);
            var key = PersistableRules.KeyOf(member);
            if (!taken.TryGetValue(key, out var other))
            {
                taken[key] = member;
                continue;
            }

            if (key < MemberKeys.NameKeyBit)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateOrderKey,
                    PersistenceSymbols.ArgumentLocation(order!, 0, member, context.CancellationToken),
                    type.ToDisplayString(),
                    member.Name,
                    key.ToString(CultureInfo.InvariantCulture),
                    Describe(other)));
            }
            else
            {
                var name = StoredName(member, rename);
                var otherName = StoredName(other, PersistenceSymbols.Find(other, symbols.PersistName));
                var reason = name == otherName
                    ? $"both are stored under the name '{name}'"
                    : $"the names '{name}' and '{otherName}' hash to the same key";
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateNameKey,
                    rename is not null ? PersistenceSymbols.ArgumentLocation(rename, 0, member, context.CancellationToken) : PersistenceSymbols.IdentifierLocation(member),
                    type.ToDisplayString(),
                    member.Name,
                    Describe(other),
                    reason));
            }
        }
    }

    // What the generator writes: a persisted member whose type it can serialize (others are GC3P002).
    private static bool IsPersisted(ISymbol member, Compilation compilation)
        => PersistableRules.IsPersistedMember(member, out var memberType) && MemberTypeFacts.ProblemOf(compilation, memberType) is null;

    private static void ReportIgnoredOnUnpersisted(SymbolAnalysisContext context, INamedTypeSymbol type, ISymbol member, AttributeData? attribute, string attributeName)
    {
        if (attribute is null || (PersistableRules.IsPersistedMember(member, out var memberType) && MemberTypeFacts.ProblemOf(context.Compilation, memberType) is not null))
        {
            return; // a member with a type problem is reported as GC3P002 already
        }

        var why = PersistableRules.WhyNotPersisted(PersistableRules.ClassifyMember(member, out _));
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.KeyAttributeIgnored,
            PersistenceSymbols.AttributeLocation(attribute, member, context.CancellationToken),
            attributeName,
            type.ToDisplayString(),
            member.Name,
            why));
    }

    private static void ReportIgnoredArguments(SymbolAnalysisContext context, INamedTypeSymbol type, ISymbol member, AttributeData? order, AttributeData? rename)
    {
        if (order is { ConstructorArguments.Length: 1 } && order.ConstructorArguments[0].Value is int pinned && pinned < 0)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.KeyAttributeIgnored,
                PersistenceSymbols.ArgumentLocation(order, 0, member, context.CancellationToken),
                "[PersistOrder]",
                type.ToDisplayString(),
                member.Name,
                $"the key {pinned.ToString(CultureInfo.InvariantCulture)} is negative (keys run from 0 to 2147483647), so the member is stored under its name"));
        }

        if (rename is { ConstructorArguments.Length: 1 } && rename.ConstructorArguments[0].Value is null or "")
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.KeyAttributeIgnored,
                PersistenceSymbols.ArgumentLocation(rename, 0, member, context.CancellationToken),
                "[PersistName]",
                type.ToDisplayString(),
                member.Name,
                $"the name is empty, so the member is stored under its own name '{member.Name}'"));
        }
    }

    private static string StoredName(ISymbol member, AttributeData? rename)
        => rename is { ConstructorArguments.Length: 1 } && rename.ConstructorArguments[0].Value is string { Length: > 0 } stored ? stored : member.Name;

    private static string Describe(ISymbol member) => member.ContainingType.Name + "." + member.Name;
}
