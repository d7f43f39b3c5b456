using System.Threading;

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
            if (context.TargetSymbol is not INamedTypeSymbol type || !PersistableRules.CanGenerate(type))
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var attribute = context.Attributes[0];
            var tag = PersistableRules.TagOf(type, attribute);
            var idPrefix = PersistableRules.IdPrefixOf(type, attribute);

            var members = new List<PersistableMemberSpec>();
            var formatters = new List<FormatterSpec>();
            foreach (var member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                // A member whose key an earlier one has is left out: GC3P008/GC3P009 report it (a second case
                // of one key would not compile).
                if (ParseMember(member, context.SemanticModel.Compilation) is { } spec && !members.Any(m => m.Key == spec.Member.Key))
                {
                    members.Add(spec.Member);
                    foreach (var formatter in spec.Facts.Formatters)
                    {
                        if (!formatters.Contains(formatter))
                        {
                            formatters.Add(formatter);
                        }
                    }
                }
            }

            var ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
            var containing = new List<ContainingTypeSpec>();
            for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                containing.Insert(0, new ContainingTypeSpec(DeclarationKeyword(outer), outer.Name));
            }

            return new PersistableTypeSpec(
                HintName: TypeClassifier.MetadataNameOf(type).Replace('+', '.').Replace('`', '_') + PersistableRules.GeneratedTypeFileSuffix,
                Namespace: ns,
                ContainingTypes: containing.ToEquatableArray(),
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
                Formatters: formatters.ToEquatableArray(),
                CreatesUninitialized: !type.IsAbstract && !type.InstanceConstructors.Any(c => c.Parameters.Length == 0),
                RecordPrinting: ParseRecordPrinting(type),
                Schema: type.IsAbstract ? null : ParseSchema(type, context.SemanticModel.Compilation, cancellationToken));
        }

        /// <summary>
        /// The schema of a concrete type (issue 15): every member its records hold, persistable bases' first, as
        /// <c>Gc3WriteMembers</c> writes them (each class's members chosen as <see cref="ParseType"/> chooses them),
        /// with their shapes and the enum and <c>[MemoryPackable]</c> types those reach.
        /// </summary>
        public static SchemaSpec ParseSchema(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
        {
            var shapes = new SchemaShapes();
            var members = new List<SchemaMemberSpec>();
            foreach (var declaring in PersistableChain(type))
            {
                var keys = new HashSet<uint>();
                foreach (var member in declaring.GetMembers())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (PersistableRules.IsPersistedMember(member, out var memberType)
                        && MemberTypeFacts.Of(compilation, memberType).Problem is null
                        && keys.Add(PersistableRules.KeyOf(member)))
                    {
                        members.Add(new SchemaMemberSpec(member.Name, PersistableRules.KeyOf(member), shapes.ShapeOf(memberType)));
                    }
                }
            }

            return new SchemaSpec(TypeClassifier.MetadataNameOf(type), members.ToEquatableArray(), shapes.Types, shapes.OpaqueEnums);
        }

        /// <summary>What a record's generated <c>PrintMembers</c> shows; <see langword="null"/> for a class or a record that declares its own.</summary>
        private static RecordPrintSpec? ParseRecordPrinting(INamedTypeSymbol type)
        {
            if (!type.IsRecord || type.GetMembers("PrintMembers").Any(m => !m.IsImplicitlyDeclared))
            {
                return null;
            }

            var printed = new List<string>();
            foreach (var member in type.GetMembers())
            {
                // The compiler's rule: public instance fields and readable properties that are not overrides.
                var shown = member switch
                {
                    IFieldSymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public, AssociatedSymbol: null } => true,
                    IPropertySymbol { IsStatic: false, IsIndexer: false, IsOverride: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null } => true,
                    _ => false,
                };
                if (shown)
                {
                    printed.Add(member.Name);
                }
            }

            return new RecordPrintSpec(printed.ToEquatableArray(), type.BaseType is { IsRecord: true });
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
                    if (TypeClassifier.HasMetadataName(attribute.AttributeClass, KnownTypeNames.PersistenceRegistrationAttribute)
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

        private static (PersistableMemberSpec Member, MemberTypeFacts Facts)? ParseMember(ISymbol member, Compilation compilation)
        {
            var rule = PersistableRules.ClassifyMember(member, out var type);
            if (!PersistableRules.IsPersistedMember(member, out _) || MemberTypeFacts.Of(compilation, type) is not { Problem: null } facts)
            {
                return null;
            }

            var property = member as IPropertySymbol;
            var generated = rule == MemberRule.GeneratedPartialProperty;
            // Readonly fields and get-only auto-properties have no setter the code could call: their storage is
            // reached through an UnsafeAccessor to the field (the compiler's backing field, by its real name).
            var storageField = rule switch
            {
                MemberRule.ReadOnlyField => member.Name,
                MemberRule.GetOnlyAutoProperty => PersistableRules.BackingFieldOf(property!)?.Name,
                _ => null,
            };
            var access = generated ? MemberAccessKind.GeneratedPartial
                : storageField is not null ? MemberAccessKind.StorageField
                : property?.SetMethod is { IsInitOnly: true } ? MemberAccessKind.InitOnly
                : MemberAccessKind.Assignable;

            PartialPropertySpec? partial = null;
            if (generated && property is not null)
            {
                var inheritance = property.IsOverride ? (property.IsSealed ? PropertyInheritance.SealedOverride : PropertyInheritance.Override)
                    : property.IsVirtual ? PropertyInheritance.Virtual
                    : PropertyInheritance.None;
                partial = new PartialPropertySpec(
                    AccessibilityKeyword(property.DeclaredAccessibility),
                    property.IsRequired,
                    inheritance,
                    AccessorAccessibility(property, property.SetMethod),
                    property.SetMethod!.IsInitOnly,
                    AccessorAccessibility(property, property.GetMethod));
            }

            var spec = new PersistableMemberSpec(
                Name: member.Name,
                TypeName: facts.TypeName,
                NonNullableTypeName: facts.NonNullableTypeName,
                UnderlyingTypeName: type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                    ? TypeClassifier.FullName(nullable.TypeArguments[0])
                    : null,
                Key: PersistableRules.KeyOf(member),
                ValueKind: facts.ValueKind,
                AccessKind: access,
                // A reference is tracked for this object's record, but a cascade must still pass through it.
                IsTracked: generated && facts.IsChangeTrackable && !facts.ReachesPersistables,
                PartialProperty: partial,
                StorageFieldName: storageField,
                KeepsComparer: facts.HasComparer);
            return (spec, facts);
        }

        private static IEnumerable<StoreColumnSpec> ParseColumns(INamedTypeSymbol type)
        {
            foreach (var declaring in PersistableChain(type))
            {
                foreach (var member in declaring.GetMembers())
                {
                    if (TypeClassifier.GetAttribute(member, KnownTypeNames.StoreColumnAttribute) is not { } attribute
                        || member.IsStatic || member.DeclaredAccessibility != Accessibility.Public)
                    {
                        continue;
                    }

                    if (ReadableTypeOf(member) is not { } memberType || ColumnOf(memberType) is not { } column)
                    {
                        continue;
                    }

                    yield return new StoreColumnSpec(PersistableRules.ColumnNameOf(member, attribute), column.Kind, member.Name, column.Conversion, column.IsNullable);
                }
            }
        }

        /// <summary>
        /// <paramref name="type"/> and those of its base types that are or derive from a <c>[Persistable]</c> class
        /// (<see cref="TypeClassifier.IsPersistable"/>), the root first: the classes whose members a record holds, in
        /// the order <c>Gc3WriteMembers</c> writes them.
        /// </summary>
        public static List<INamedTypeSymbol> PersistableChain(INamedTypeSymbol? type)
        {
            var chain = new List<INamedTypeSymbol>();
            for (var current = type; current is not null && TypeClassifier.IsPersistable(current); current = current.BaseType)
            {
                chain.Insert(0, current);
            }

            return chain;
        }

        /// <summary>The type of a field, or of a property with a getter that is not an indexer: a member a column can read.</summary>
        public static ITypeSymbol? ReadableTypeOf(ISymbol member) => member switch
        {
            IPropertySymbol { GetMethod: not null, IsIndexer: false } property => property.Type,
            IFieldSymbol field => field.Type,
            _ => null,
        };

        /// <summary>The column kind and value conversion of a scalar type, or <see langword="null"/> when it is not a scalar.</summary>
        public static (string Kind, ColumnConversion Conversion, bool IsNullable)? ColumnOf(ITypeSymbol type)
        {
            var nullable = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } n;
            var inner = nullable ? ((INamedTypeSymbol)type).TypeArguments[0] : type;
            if (inner.TypeKind == TypeKind.Enum)
            {
                return ("Text", ColumnConversion.ToText, nullable);
            }

            if (inner.SpecialType == SpecialType.System_UInt64)
            {
                // Not cast to long, which would store a value past long.MaxValue as a negative one: bound checked.
                return ("Integer", ColumnConversion.None, nullable);
            }

            if (TypeClassifier.IsIntegral(inner.SpecialType))
            {
                return ("Integer", ColumnConversion.ToInt64, nullable);
            }

            switch (inner.SpecialType)
            {
                case SpecialType.System_String:
                    return ("Text", ColumnConversion.None, nullable);
                case SpecialType.System_Char:
                    return ("Text", ColumnConversion.ToText, nullable);
                case SpecialType.System_Boolean:
                    return ("Integer", ColumnConversion.BooleanToInt64, nullable);
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                case SpecialType.System_Decimal:
                    return ("Real", ColumnConversion.ToDouble, nullable);
                case SpecialType.System_DateTime:
                    return ("Timestamp", ColumnConversion.None, nullable);
            }

            var named = inner as INamedTypeSymbol;
            return TypeClassifier.HasMetadataName(named, "System.DateTimeOffset") ? ("Timestamp", ColumnConversion.ToUtcDateTime, nullable)
                : TypeClassifier.HasMetadataName(named, "System.Guid") ? ("Text", ColumnConversion.ToText, nullable)
                : null;
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
