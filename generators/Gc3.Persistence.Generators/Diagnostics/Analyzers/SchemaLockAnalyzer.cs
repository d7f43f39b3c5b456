using System.Collections.Concurrent;
using System.Globalization;
using Gc3.Persistence.Generators.Schemas;
using Gc3.Persistence.Schemas;
using Microsoft.CodeAnalysis.Text;

namespace Gc3.Persistence.Generators.Diagnostics.Analyzers;

/// <summary>
/// The schema lock (issue 15 §4): with a <c>persistence.lock.json</c> among the project's additional files, every
/// concrete <c>[Persistable]</c> type's current schema is compared with the locked one of its tag, and each change
/// that would leave shipped records unreadable or change their meaning is reported where it was made: a locked tag
/// no type carries (GC3P019), a member type change outside the resolution rules (GC3P020: the runtime's own table,
/// <see cref="ResolutionRules"/>, linked), an enum member removed or renamed that no member marked
/// <c>[PersistUnknownEnumValue]</c> takes (GC3P021), a member's stored key changed (GC3P022), an enum stored by number
/// inside an unmanaged struct renumbered (GC3P025); new types and members are a warning (GC3P023) with a code fix that adds them. The current schemas are built by the generator's own parser
/// (<see cref="PersistableGenerator.Parser.ParseSchema"/>), not read from the generated constants: the same facts,
/// with the symbols whose locations the diagnostics need, and no dependency on the generator having run.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SchemaLockAnalyzer() : PersistenceAnalyzer(
    DiagnosticDescriptors.LockedTagMissing,
    DiagnosticDescriptors.LockedMemberTypeChanged,
    DiagnosticDescriptors.LockedEnumMemberRemoved,
    DiagnosticDescriptors.LockedKeyRemoved,
    DiagnosticDescriptors.NotInLock,
    DiagnosticDescriptors.LockUnreadable,
    DiagnosticDescriptors.LockedEnumRenumbered)
{
    /// <summary>The diagnostic property holding the type's tag (for the code fix).</summary>
    public const string TagProperty = "Tag";

    /// <summary>The diagnostic property holding the type's current schema document (for the code fix).</summary>
    public const string DocumentProperty = "Document";

    /// <inheritdoc/>
    private protected override void OnCompilationStart(CompilationStartAnalysisContext start, PersistenceSymbols symbols)
    {
        // While the build rewrites the lock (-p:UpdatePersistenceLock=true), the old lock is not held against the code.
        if (start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(PersistableGenerator.UpdateLockProperty, out var update)
            && string.Equals(update, "true", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (start.Options.AdditionalFiles.FirstOrDefault(f => SchemaLock.IsLockFile(f.Path)) is not { } lockFile
            || lockFile.GetText(start.CancellationToken) is not { } text)
        {
            return;
        }

        List<LockedEntry> entries;
        try
        {
            entries = SchemaLock.Read(text.ToString());
        }
        catch (FormatException e)
        {
            start.RegisterCompilationEndAction(end => end.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.LockUnreadable, LockLocation(lockFile.Path, text, 0), lockFile.Path, e.Message)));
            return;
        }

        var locked = new Dictionary<string, LockedEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            locked[entry.Model.Tag] = entry;
        }

        var seen = new ConcurrentDictionary<string, INamedTypeSymbol>(StringComparer.Ordinal);
        start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, symbols, locked, seen), SymbolKind.NamedType);
        start.RegisterCompilationEndAction(end =>
        {
            var byTypeName = seen.Values.GroupBy(TypeClassifier.MetadataNameOf, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var entry in entries.Where(e => !seen.ContainsKey(e.Model.Tag)))
            {
                // The class the lock names still exists with another tag: say so there.
                if (byTypeName.TryGetValue(entry.Model.TypeName, out var renamed))
                {
                    end.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.LockedTagMissing,
                        PersistenceSymbols.IdentifierLocation(renamed),
                        entry.Model.Tag,
                        $"; '{renamed.ToDisplayString()}' had it: add [Persistable(\"{entry.Model.Tag}\")] to keep loading its records"));
                }
                else
                {
                    end.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.LockedTagMissing,
                        LockLocation(lockFile.Path, text, entry.Start),
                        entry.Model.Tag,
                        $" ('{entry.Model.TypeName}' had it): give the type that now stands for it [Persistable(\"{entry.Model.Tag}\")]"));
                }
            }
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, PersistenceSymbols symbols, Dictionary<string, LockedEntry> locked, ConcurrentDictionary<string, INamedTypeSymbol> seen)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (symbols.PersistableAttributeOf(type) is not { } attribute || type.IsAbstract || !PersistableRules.CanGenerate(type))
        {
            return; // abstract types have no records of their own; their members are checked in each concrete type
        }

        var tag = PersistableRules.TagOf(type, attribute);
        seen.TryAdd(tag, type);
        var spec = PersistableGenerator.Parser.ParseSchema(type, symbols.Compilation, context.CancellationToken);
        var idPrefix = PersistableRules.IdPrefixOf(type, attribute);
        var current = SchemaModel.FromSpec(tag, idPrefix, spec);
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(TagProperty, tag)
            .Add(DocumentProperty, SchemaDocumentText.Write(tag, idPrefix, spec));
        var typeName = type.ToDisplayString();
        if (!locked.TryGetValue(tag, out var entry))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotInLock, PersistenceSymbols.IdentifierLocation(type), properties, $"The type '{typeName}' (tag '{tag}')"));
            return;
        }

        var before = entry.Model;
        var moved = new HashSet<uint>();
        foreach (var old in before.Members)
        {
            var now = current.Members.FirstOrDefault(m => m.Key == old.Key);
            if (now is null)
            {
                // Gone, or still there under another key: then its stored values are skipped.
                if (current.Members.FirstOrDefault(m => m.Name == old.Name) is { } rekeyed)
                {
                    moved.Add(rekeyed.Key);
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.LockedKeyRemoved, MemberLocation(type, rekeyed.Name), typeName, rekeyed.Name, KeyText(old.Key), KeyText(rekeyed.Key)));
                }

                continue;
            }

            var enums = new List<KeyValuePair<string, string>>();
            var references = new List<KeyValuePair<string, string>>();
            string? refused;
            try
            {
                refused = ResolutionRules.Check(old.Shape, now.Shape, before.Rules, current.Rules, enums, references);
            }
            catch (FormatException)
            {
                refused = old.Shape == now.Shape ? null : "unreadable shape";
            }

            // A reference retyped to another tag: its bytes read, but every stored reference to an object of the old
            // type fails when it loads (as a removed enum member fails only the records holding it): reported.
            if (refused is not null || references.Count > 0)
            {
                if (refused is not null && RenumberedOpaque(old.Shape, before, current) is { } renumbered)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.LockedEnumRenumbered, MemberLocation(type, now.Name), typeName, now.Name, renumbered.Enum, renumbered.Opaque, renumbered.Change));
                }
                else
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.LockedMemberTypeChanged, MemberLocation(type, now.Name), typeName, now.Name, old.Shape, now.Shape));
                }

                continue;
            }

            foreach (var pair in enums.Distinct())
            {
                if (before.Rules.Find(pair.Key) is { IsEnum: true } oldEnum && current.Rules.Find(pair.Value) is { IsEnum: true } newEnum
                    && !ResolutionRules.EnumNamesResolve(oldEnum.Names, newEnum.Names, newEnum.Unknown is not null))
                {
                    var missing = oldEnum.Names.Where(n => !newEnum.Names.Contains(n, StringComparer.Ordinal)).ToList();
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.LockedEnumMemberRemoved,
                        MemberLocation(type, now.Name),
                        typeName,
                        now.Name,
                        pair.Value,
                        (missing.Count == 1 ? "the member " : "the members ") + string.Join(", ", missing.Select(m => $"'{m}'"))));
                }
            }
        }

        // New members (one whose key changed is GC3P022's, not new).
        foreach (var added in current.Members.Where(m => !moved.Contains(m.Key) && !before.Members.Any(o => o.Key == m.Key)))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotInLock, MemberLocation(type, added.Name), properties, $"The member '{typeName}.{added.Name}'"));
        }
    }

    // The first opaque type in a locked shape whose enums the current code numbers differently, if that is why it was refused.
    private static (string Opaque, string Enum, string Change)? RenumberedOpaque(string shape, SchemaModel before, SchemaModel current)
    {
        foreach (var opaque in before.Rules.Opaque.Keys)
        {
            if (shape.Contains("opaque<" + opaque + ">") || before.Rules.Types.Values.Any(t => !t.IsEnum && t.Shapes.Any(s => s.Contains("opaque<" + opaque + ">"))))
            {
                if (ResolutionRules.Renumbering(opaque, before.Rules, current.Rules, out var enumName, out var change))
                {
                    return (opaque, enumName, change);
                }
            }
        }

        return null;
    }

    private static string KeyText(uint key) => key.ToString(CultureInfo.InvariantCulture) + (key >= 0x80000000u ? $" (0x{key:X8})" : "");

    // The member's declaration in the type or the persistable base that declares it; the type itself when not in source.
    private static Location MemberLocation(INamedTypeSymbol type, string name)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetMembers(name).FirstOrDefault(m => m is IFieldSymbol or IPropertySymbol) is { } member
                && member.Locations.FirstOrDefault(l => l.IsInSource) is { } location)
            {
                return location;
            }
        }

        return PersistenceSymbols.IdentifierLocation(type);
    }

    private static Location LockLocation(string path, SourceText text, int start)
    {
        var line = text.Lines.GetLineFromPosition(Math.Min(start, text.Length));
        return Location.Create(path, line.Span, text.Lines.GetLinePositionSpan(line.Span));
    }
}
