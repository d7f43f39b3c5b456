using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Gc3.Persistence.Generators.Helpers;
using Gc3.Persistence.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gc3.Persistence.Generators;

public sealed partial class PersistableGenerator
{
    /// <summary>
    /// Turns a <c>[Persistable]</c> class symbol into a <see cref="PersistableTypeSpec"/>. A type or a member
    /// the generator cannot handle is skipped quietly: the analyzers report it, at the right place.
    /// </summary>
    internal static class Parser
    {
        public static PersistableTypeSpec? ParseType(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || !CanGenerate(type))
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var attribute = context.Attributes[0];
            var tag = TagOf(type, attribute);
            var idPrefix = IdPrefixOf(type, attribute);

            var members = new List<PersistableMemberSpec>();
            var formatters = new List<FormatterSpec>();
            foreach (var member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (ParseMember(member) is { } spec)
                {
                    members.Add(spec.Member);
                    if (spec.Member.ValueKind is MemberValueKind.Formatted or MemberValueKind.StringCollection)
                    {
                        TypeClassifier.CollectFormatters(spec.Type, formatters);
                    }
                }
            }

            var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
            var containing = new List<string>();
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                containing.Insert(0, $"partial {DeclarationKeyword(outer)} {outer.Name}");
            }

            return new PersistableTypeSpec(
                HintName: TypeClassifier.MetadataNameOf(type).Replace('+', '.').Replace('`', '_') + ".Persistable.g.cs",
                Namespace: ns,
                ContainingTypeDeclarations: containing.ToEquatableArray(),
                DeclarationKeyword: DeclarationKeyword(type),
                Name: type.Name,
                FullyQualifiedName: TypeClassifier.FullName(type),
                Tag: tag,
                IdPrefix: idPrefix,
                IsAbstract: type.IsAbstract,
                IsSealed: type.IsSealed,
                HasPersistableBase: TypeClassifier.IsPersistable(type.BaseType),
                HidesBaseSerializer: HasBaseSerializer(type),
                NeedsUnsafeConstructor: HasRequiredMembers(type),
                Members: members.ToEquatableArray(),
                Columns: ParseColumns(type).ToEquatableArray(),
                Formatters: formatters.ToEquatableArray());
        }

        public static ReferencedRegistrationsSpec ParseReferencedRegistrations(Compilation compilation, CancellationToken cancellationToken)
        {
            var registrations = new List<string>();
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == "Gc3.Persistence")))
                {
                    continue; // only assemblies built against the runtime can carry a registration
                }

                foreach (var attribute in assembly.GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() == KnownTypeNames.PersistenceRegistrationAttribute
                        && attribute.ConstructorArguments.Length == 1
                        && attribute.ConstructorArguments[0].Value is INamedTypeSymbol registration)
                    {
                        registrations.Add(TypeClassifier.FullName(registration));
                    }
                }
            }

            registrations.Sort(System.StringComparer.Ordinal);
            return new ReferencedRegistrationsSpec(compilation.AssemblyName ?? "Assembly", registrations.ToEquatableArray());
        }

        /// <summary>The type tag of a <c>[Persistable]</c> type: the attribute's argument, or the type's full name.</summary>
        public static string TagOf(INamedTypeSymbol type, AttributeData attribute)
            => attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string explicitTag
                ? explicitTag
                : type.ToDisplayString();

        /// <summary>The ID prefix of a <c>[Persistable]</c> type: its <c>IdPrefix</c>, or the type's name.</summary>
        public static string IdPrefixOf(INamedTypeSymbol type, AttributeData attribute)
            => attribute.NamedArguments.FirstOrDefault(a => a.Key == "IdPrefix").Value.Value as string ?? type.Name;

        /// <summary>Whether the generator can write a partial for <paramref name="type"/> (the analyzers explain when not).</summary>
        public static bool CanGenerate(INamedTypeSymbol type)
            => UnsupportedKind(type) is null
               && !NonPartialTypes(type).Any()
               && HasCallableConstructor(type)
               && !ClashingGeneratedMembers(type).Any();

        /// <summary>Why <paramref name="type"/> is not a kind of type the generator supports, or <see langword="null"/> when it is.</summary>
        public static string? UnsupportedKind(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Class)
            {
                return type.IsRecord && type.TypeKind == TypeKind.Struct ? "it is a record struct; persistable objects are referenced by ID, so they must be classes"
                    : type.TypeKind == TypeKind.Struct ? "it is a struct; persistable objects are referenced by ID, so they must be classes"
                    : $"it is {(type.TypeKind == TypeKind.Interface ? "an interface" : "not a class")}";
            }

            if (type.IsStatic)
            {
                return "it is a static class, which has no instances to persist";
            }

            if (type.Arity > 0)
            {
                return "it is a generic type definition; declare a non-generic class deriving from a closed generic base instead";
            }

            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                if (outer.Arity > 0)
                {
                    return $"it is nested in the generic type '{outer.ToDisplayString()}'";
                }
            }

            return null;
        }

        /// <summary><paramref name="type"/> and the types containing it that are not declared <c>partial</c>.</summary>
        public static IEnumerable<INamedTypeSymbol> NonPartialTypes(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.ContainingType)
            {
                if (!IsPartial(current))
                {
                    yield return current;
                }
            }
        }

        /// <summary>Whether the generated serializer can create an instance to load into: any parameterless constructor (a private one too).</summary>
        public static bool HasCallableConstructor(INamedTypeSymbol type)
            => type.IsAbstract || type.InstanceConstructors.Any(c => c.Parameters.Length == 0);

        /// <summary>Members the user declared that clash with the <c>PersistentId</c> and <c>Changed</c> the generator adds to a root type.</summary>
        public static IEnumerable<ISymbol> ClashingGeneratedMembers(INamedTypeSymbol type)
            => TypeClassifier.IsPersistable(type.BaseType)
                ? Enumerable.Empty<ISymbol>()
                : type.GetMembers().Where(m => m.Name is "PersistentId" or "Changed" && !m.IsImplicitlyDeclared);

        public static bool IsPartial(INamedTypeSymbol type)
            => type.DeclaringSyntaxReferences.Length > 0
               && type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax declaration
                   && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

        /// <summary>A persisted member: a public, writable, non-static property or field that is not ignored.</summary>
        public static bool IsPersistedMember(ISymbol member, out ITypeSymbol type)
        {
            type = null!;
            if (member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility != Accessibility.Public
                || TypeClassifier.HasAttribute(member, KnownTypeNames.PersistIgnoreAttribute))
            {
                return false;
            }

            switch (member)
            {
                case IPropertySymbol { IsIndexer: false, GetMethod: not null, SetMethod: not null } property:
                    type = property.Type;
                    return !IsPersistedByBase(property);
                case IFieldSymbol { IsConst: false, IsReadOnly: false, AssociatedSymbol: null } field:
                    type = field.Type;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// An override of a property that a <c>[Persistable]</c> base type persists already: the base's code
        /// reads and writes it (through the override), so persisting it again would write its key twice.
        /// </summary>
        private static bool IsPersistedByBase(IPropertySymbol property)
        {
            for (var overridden = property.OverriddenProperty; overridden is not null; overridden = overridden.OverriddenProperty)
            {
                if (TypeClassifier.HasAttribute(overridden.ContainingType, KnownTypeNames.PersistableAttribute)
                    && IsPersistedMember(overridden, out _))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The key a persisted member is stored under.</summary>
        public static uint KeyOf(ISymbol member)
        {
            if (TypeClassifier.GetAttribute(member, KnownTypeNames.PersistOrderAttribute) is { ConstructorArguments.Length: 1 } order
                && order.ConstructorArguments[0].Value is int pinned && pinned >= 0)
            {
                return MemberKeys.FromOrder(pinned);
            }

            var name = TypeClassifier.GetAttribute(member, KnownTypeNames.PersistNameAttribute) is { ConstructorArguments.Length: 1 } rename
                && rename.ConstructorArguments[0].Value is string stored && stored.Length > 0
                ? stored
                : member.Name;
            return MemberKeys.FromName(name);
        }

        /// <summary>Whether the generator implements this property: a partial definition nobody implemented yet.</summary>
        public static bool IsGeneratedPartial(ISymbol member)
            => member is IPropertySymbol { IsPartialDefinition: true, PartialImplementationPart: null, SetMethod: not null };

        private static (PersistableMemberSpec Member, ITypeSymbol Type)? ParseMember(ISymbol member)
        {
            if (!IsPersistedMember(member, out var type) || TypeClassifier.FindProblem(type) is not null)
            {
                return null;
            }

            var property = member as IPropertySymbol;
            var generated = IsGeneratedPartial(member);
            var access = generated ? MemberAccessKind.GeneratedPartial
                : property?.SetMethod is { IsInitOnly: true } ? MemberAccessKind.InitOnly
                : MemberAccessKind.Assignable;

            PartialPropertySpec? partial = null;
            if (generated && property is not null)
            {
                var modifiers = AccessibilityKeyword(property.DeclaredAccessibility)
                    + (property.IsRequired ? " required" : "")
                    + (property.IsOverride ? (property.IsSealed ? " sealed override" : " override") : property.IsVirtual ? " virtual" : "");
                partial = new PartialPropertySpec(
                    modifiers,
                    AccessorAccessibility(property, property.SetMethod),
                    property.SetMethod!.IsInitOnly,
                    AccessorAccessibility(property, property.GetMethod));
            }

            var spec = new PersistableMemberSpec(
                Name: member.Name,
                TypeName: type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier)),
                NonNullableTypeName: TypeClassifier.FullName(type),
                Key: KeyOf(member),
                ValueKind: TypeClassifier.ValueKindOf(type),
                AccessKind: access,
                IsTracked: generated && TypeClassifier.IsChangeTrackable(type),
                PartialProperty: partial);
            return (spec, type);
        }

        private static IEnumerable<StoreColumnSpec> ParseColumns(INamedTypeSymbol type)
        {
            var chain = new List<INamedTypeSymbol>();
            for (var current = type; current is not null && TypeClassifier.IsPersistable(current); current = current.BaseType)
            {
                chain.Insert(0, current);
            }

            foreach (var declaring in chain)
            {
                foreach (var member in declaring.GetMembers())
                {
                    if (TypeClassifier.GetAttribute(member, KnownTypeNames.StoreColumnAttribute) is not { } attribute
                        || member.IsStatic || member.DeclaredAccessibility != Accessibility.Public)
                    {
                        continue;
                    }

                    var memberType = member switch
                    {
                        IPropertySymbol { GetMethod: not null, IsIndexer: false } p => p.Type,
                        IFieldSymbol f => f.Type,
                        _ => null,
                    };
                    if (memberType is null || ColumnOf(memberType, "value." + member.Name) is not { } column)
                    {
                        continue;
                    }

                    yield return new StoreColumnSpec(ColumnNameOf(member, attribute), column.Kind, member.Name, column.Expression);
                }
            }
        }

        /// <summary>The name of the column a <c>[StoreColumn]</c> declares: its argument, or the member name in lower case.</summary>
        public static string ColumnNameOf(ISymbol member, AttributeData attribute)
            => attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string explicitName
                ? explicitName
                : member.Name.ToLowerInvariant();

        /// <summary>The column kind and value expression of a scalar type, or <see langword="null"/> when it is not a scalar.</summary>
        public static (string Kind, string Expression)? ColumnOf(ITypeSymbol type, string access)
        {
            var nullable = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n;
            var inner = nullable ? ((INamedTypeSymbol)type).TypeArguments[0] : type;
            var q = nullable ? "?" : "";
            if (inner.TypeKind == TypeKind.Enum)
            {
                return ("Text", $"{access}{q}.ToString()");
            }

            if (TypeClassifier.IsIntegral(inner.SpecialType))
            {
                return ("Integer", $"(long{q}){access}");
            }

            switch (inner.SpecialType)
            {
                case SpecialType.System_String:
                    return ("Text", access);
                case SpecialType.System_Char:
                    return ("Text", $"{access}{q}.ToString()");
                case SpecialType.System_Boolean:
                    return ("Integer", nullable ? $"({access} is bool b ? (b ? 1L : 0L) : (long?)null)" : $"({access} ? 1L : 0L)");
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                    return ("Real", $"(double{q}){access}");
                case SpecialType.System_DateTime:
                    return ("Timestamp", access);
            }

            return inner.ToDisplayString() switch
            {
                "System.DateTimeOffset" => ("Timestamp", $"{access}{q}.UtcDateTime"),
                "System.Guid" => ("Text", $"{access}{q}.ToString()"),
                _ => null,
            };
        }

        /// <summary>
        /// Whether a base type has a generated <c>Gc3Serializer</c> that this type's own one hides: a concrete
        /// <c>[Persistable]</c> base in the same assembly (the nested class is internal, so one in another assembly is not seen).
        /// </summary>
        private static bool HasBaseSerializer(INamedTypeSymbol type)
        {
            for (var current = type.BaseType; current is not null; current = current.BaseType)
            {
                if (!current.IsAbstract
                    && SymbolEqualityComparer.Default.Equals(current.ContainingAssembly, type.ContainingAssembly)
                    && TypeClassifier.HasAttribute(current, KnownTypeNames.PersistableAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasRequiredMembers(INamedTypeSymbol type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.GetMembers().Any(m => m is IPropertySymbol { IsRequired: true } or IFieldSymbol { IsRequired: true }))
                {
                    return true;
                }
            }

            return false;
        }

        private static string DeclarationKeyword(INamedTypeSymbol type) => type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct } => "struct",
            { TypeKind: TypeKind.Interface } => "interface",
            _ => "class",
        };

        private static string? AccessorAccessibility(IPropertySymbol property, IMethodSymbol? accessor)
            => accessor is null || accessor.DeclaredAccessibility == property.DeclaredAccessibility
                ? null
                : AccessibilityKeyword(accessor.DeclaredAccessibility);

        private static string AccessibilityKeyword(Accessibility accessibility) => accessibility switch
        {
            Accessibility.Public => "public",
            Accessibility.Internal => "internal",
            Accessibility.Protected => "protected",
            Accessibility.ProtectedOrInternal => "protected internal",
            Accessibility.ProtectedAndInternal => "private protected",
            _ => "private",
        };
    }
}
