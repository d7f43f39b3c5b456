using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using static Gc3.Persistence.Generators.KnownTypeNames;

namespace Gc3.Persistence.Generators;

public sealed partial class PersistableGenerator
{
    /// <summary>
    /// Turns specs into C# text: every expression the generated code holds is written here, from the
    /// specs' facts alone (no symbols, no compilation), through <see cref="SourceWriter"/>'s checked output.
    /// </summary>
    internal static class Emitter
    {
        public const string RegistrationHintName = "Gc3.Persistence.Registration.g.cs";
        public const string LockHintName = "Gc3.Persistence.Lock.g.cs";

        /// <summary>The marker lines around the lock's text in <see cref="LockHintName"/>, which the package's targets look for.</summary>
        public const string LockBegin = "// GC3-PERSISTENCE-LOCK-BEGIN";
        public const string LockEnd = "// GC3-PERSISTENCE-LOCK-END";
        private static readonly string GeneratorVersion = typeof(PersistableGenerator).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";
        private static readonly string GeneratedCode = $"[{GeneratedCodeAttribute}(\"Gc3.Persistence.Generators\", \"{GeneratorVersion}\")]";
        private static readonly string Hidden = $"[{EditorBrowsableAttribute}({EditorBrowsableState}.Never)]";

        // File-level aliases keep the long runtime names out of every member. Their names start with
        // Gc3 so that they do not meet the names of the user's own types.
        private const string BodyAlias = "Gc3Body";
        private const string BufferAlias = "Gc3Buffer";
        private const string FramingAlias = "Gc3Framing";
        private const string ReaderAlias = "Gc3Reader";
        private const string WriterAlias = "Gc3Writer";

        /// <summary>
        /// The generated part of a persistable class. For <c>[Persistable] partial class Job</c> it is:
        /// <code>
        /// using Gc3Writer = ...;                                      // aliases of the runtime types used below
        /// partial class Job : IPersistable, IPersistableBody           // base list only on a root type
        /// {
        ///     public Id? PersistentId { get; set; }                   // root type only
        ///     public bool Changed { get; set; }                       // root type only
        ///     void IPersistableBody.ReadMembers(...)                  // root type only: per member header, Gc3ReadMember, bounds check
        ///     public partial string Name { get => ...; set { ...; Changed = true; } }   // per partial property
        ///     protected virtual int Gc3MemberCount => 2;              // override (base + own) in derived types
        ///     protected virtual void Gc3WriteMembers(...)             // one MemberFraming call per member
        ///     protected virtual bool Gc3ReadMember(..., uint key)     // switch on the key (own members, then the base's)
        ///     internal sealed class Gc3Serializer : PersistableSerializer { ... }   // concrete types only
        /// }
        /// </code>
        /// </summary>
        public static SourceText WriteType(PersistableTypeSpec spec)
        {
            var writer = new SourceWriter();
            WriteFileHeader(writer);
            writer.WriteLine($$"""
                using {{BodyAlias}} = {{IPersistableBody}};
                using {{BufferAlias}} = {{RecordBuffer}};
                using {{FramingAlias}} = {{MemberFraming}};
                using {{ReaderAlias}} = {{MemoryPackReader}};
                using {{WriterAlias}} = {{MemoryPackWriter}}<{{RecordBuffer}}>;

                """);
            if (spec.Namespace is not null)
            {
                writer.OpenBlock($"namespace {spec.Namespace}");
            }

            foreach (var containing in spec.ContainingTypes)
            {
                writer.OpenBlock($"partial {containing.DeclarationKeyword} {containing.Name}");
            }

            var after = spec.HasPersistableBase ? ", after the members of its base type" : "";
            writer.WriteLine($$"""
                /// <remarks>Persisted by Gc3.Persistence under the type tag <c>{{Escape(spec.Tag)}}</c>, with ID prefix <c>{{Escape(spec.IdPrefix)}}</c>{{after}}.</remarks>
                {{GeneratedCode}}
                """);
            var baseList = spec.HasPersistableBase ? "" : $" : {IPersistable}, {BodyAlias}";
            writer.OpenBlock($"partial {spec.DeclarationKeyword} {spec.Name}{baseList}");
            if (!spec.HasPersistableBase)
            {
                WriteRootMembers(writer);
            }

            foreach (var member in spec.Members)
            {
                if (member.PartialProperty is not null)
                {
                    WritePartialProperty(writer, member);
                }
            }

            WriteMemberMethods(writer, spec);
            if (spec.RecordPrinting is { } printing)
            {
                WritePrintMembers(writer, spec, printing);
            }

            if (!spec.IsAbstract)
            {
                WriteSerializer(writer, spec);
            }

            writer.CloseBlock();
            foreach (var _ in spec.ContainingTypes)
            {
                writer.CloseBlock();
            }

            if (spec.Namespace is not null)
            {
                writer.CloseBlock();
            }

            return writer.ToSourceText();
        }

        /// <summary>
        /// The assembly's registration: a module initializer that registers every persistable type, the
        /// formatters its members need, and the registrations of referenced assemblies (so a library's
        /// types load even before the application touches that library).
        /// </summary>
        public static SourceText? WriteRegistration(ImmutableArray<RegisteredTypeSpec> types, ReferencedRegistrationsSpec referenced)
        {
            if (types.IsEmpty && referenced.RegistrationTypes.IsEmpty)
            {
                return null;
            }

            // The identifier alone is not unique ("My.App" and "My_App" give the same): the hash of the exact name makes it so.
            var className = $"PersistenceRegistration_{SafeIdentifier(referenced.AssemblyName)}_{Fnv1a.Hash(referenced.AssemblyName).ToString("X8", CultureInfo.InvariantCulture)}";
            var writer = new SourceWriter();
            WriteFileHeader(writer);
            writer.WriteLine($$"""
                [assembly: {{PersistenceRegistration}}(typeof(global::Gc3.Persistence.Generated.{{className}}))]

                """);
            writer.OpenBlock("namespace Gc3.Persistence.Generated");
            writer.WriteLine($$"""
                /// <summary>Registers the persistable types of {{Escape(referenced.AssemblyName)}} with Gc3.Persistence. Generated; called at start-up.</summary>
                {{Hidden}}
                {{GeneratedCode}}
                """);
            writer.OpenBlock($"public static class {className}");
            writer.WriteLine($$"""
                private static int s_registered;

                [{{ModuleInitializerAttribute}}]
                internal static void Initialize() => EnsureRegistered();

                /// <summary>Registers this assembly's persistable types and those of the assemblies it references; runs once.</summary>
                """);
            writer.OpenBlock("public static void EnsureRegistered()");
            writer.WriteLine($$"""
                if ({{Interlocked}}.Exchange(ref s_registered, 1) != 0)
                {
                    return;
                }

                """);
            foreach (var registration in referenced.RegistrationTypes)
            {
                writer.WriteLine($"{registration}.EnsureRegistered();");
            }

            // Each type's own registration brings the formatter that writes references to it.
            var sorted = types.OrderBy(t => t.FullyQualifiedName, System.StringComparer.Ordinal).ToList();
            var referenceFormatters = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var type in sorted)
            {
                referenceFormatters.Add(type.FullyQualifiedName);
                writer.WriteLine(type.IsAbstract
                    ? $"{PersistableRegistry}.RegisterReferenceFormatter<{type.FullyQualifiedName}>();"
                    : $"{PersistableRegistry}.Register<{type.FullyQualifiedName}>(new {type.FullyQualifiedName}.Gc3Serializer());");
            }

            var formatters = sorted.SelectMany(t => t.Formatters)
                .Where(f => f.Kind != FormatterKind.PersistableReference || !referenceFormatters.Contains(f.TypeName))
                .Distinct()
                .ToList();
            if (formatters.Count > 0)
            {
                // MemoryPack's collection formatters declare nullable elements (ListFormatter<T> formats List<T?>),
                // which the oblivious type names below don't repeat; the registration concerns run-time types only.
                writer.WriteLine("#nullable disable warnings");
                foreach (var formatter in formatters)
                {
                    writer.WriteLine(RegisterFormatterStatement(formatter));
                }

                writer.WriteLine("#nullable restore warnings");
            }

            writer.CloseBlock();
            writer.CloseBlock();
            writer.CloseBlock();
            return writer.ToSourceText();
        }

        /// <summary>
        /// The schema lock's text (<see cref="Schemas.SchemaLock"/>) inside a generated file that compiles to nothing:
        /// between <see cref="LockBegin"/> and <see cref="LockEnd"/>, in an <c>#if false</c> block the compiler skips.
        /// </summary>
        public static SourceText WriteLock(ImmutableArray<LockedSchemaSpec> schemas)
        {
            var text = Schemas.SchemaLock.Write(schemas.Select(s => new KeyValuePair<string, string>(s.Tag, s.Document)));
            var writer = new SourceWriter();
            WriteFileHeader(writer);
            writer.WriteLine($$"""
                // The schema lock of this project, written because the build set UpdatePersistenceLock=true;
                // the Gc3.Persistence package's targets copy it to persistence.lock.json after the compile.
                #if false
                {{LockBegin}}
                """);
            // Verbatim, not through WriteLine's indentation: these are the lock file's exact lines.
            var lines = text.TrimEnd('\n');
            writer.WriteLine(lines);
            writer.WriteLine($$"""
                {{LockEnd}}
                #endif
                """);
            return writer.ToSourceText();
        }

        private static string RegisterFormatterStatement(FormatterSpec formatter) => formatter.Kind switch
        {
            FormatterKind.PersistableReference => $"{PersistableRegistry}.RegisterReferenceFormatter<{formatter.TypeName}>();",
            // A [MemoryPackable] type registers its own formatter from its static constructor: run it now.
            FormatterKind.SelfRegistering => $"{RuntimeHelpers}.RunClassConstructor(typeof({formatter.TypeName}).TypeHandle);",
            FormatterKind.ZeroBasedArray => $"{PersistableRegistry}.RegisterFormatter<{formatter.TypeName}>(new {ZeroBasedArrayFormatter}<{formatter.TypeName}>({NewMemoryPackFormatter(formatter)}));",
            _ => $"{PersistableRegistry}.RegisterFormatter<{formatter.TypeName}>({NewMemoryPackFormatter(formatter)});",
        };

        private static string NewMemoryPackFormatter(FormatterSpec formatter)
            => $"new {MemoryPackFormatters}.{formatter.FormatterName}<{string.Join(", ", formatter.TypeArguments)}>()";

        private static void WriteFileHeader(SourceWriter writer) => writer.WriteLine("""
            // <auto-generated/>
            // Written by the Gc3.Persistence generator; edits are lost when it runs again.
            #nullable enable
            #pragma warning disable CS0612, CS0618 // obsolete members are still persisted
            #pragma warning disable CS1591 // the generated members are not part of the documented API

            """);

        // The ID, Changed and versions live in one field whose type is always equal (no part in a record's equality) and
        // that knows its object (a record's 'with' copy reads as new: no ID, no versions, changed).
        private static void WriteRootMembers(SourceWriter writer) => writer.WriteLine($$"""
            private {{PersistenceState}} __gc3_state;

            /// <inheritdoc/>
            public {{Id}}? PersistentId { get => this.__gc3_state.IdOf(this); set => this.__gc3_state.SetId(this, value); }

            /// <inheritdoc/>
            public bool Changed { get => this.__gc3_state.ChangedOf(this); set => this.__gc3_state.SetChanged(this, value); }

            int {{BodyAlias}}.PersistedMemberCount => Gc3MemberCount;
            bool {{BodyAlias}}.IsFullyTracked => Gc3IsFullyTracked;
            void {{BodyAlias}}.WriteMembers(ref {{WriterAlias}} writer, {{BufferAlias}} buffer) => Gc3WriteMembers(ref writer, buffer);
            void {{BodyAlias}}.AfterLoad() => Gc3AfterLoad();
            object? {{BodyAlias}}.StoreVersions { get => this.__gc3_state.VersionsOf(this); set => this.__gc3_state.SetVersions(this, value); }

            // The members of a record, by key: Gc3ReadMember reads the ones this type (or a derived one) knows.
            void {{BodyAlias}}.ReadMembers(ref {{ReaderAlias}} reader, int count)
            {
                for (var i = 0; i < count; i++)
                {
                    var key = {{FramingAlias}}.ReadMemberHeader(ref reader, out var end);
                    {{FramingAlias}}.Finish(ref reader, key, end, Gc3ReadMember(ref reader, key));
                }
            }

            """);

        private static void WritePartialProperty(SourceWriter writer, PersistableMemberSpec member)
        {
            var partial = member.PartialProperty!;
            var field = BackingField(member);
            writer.WriteLine($$"""
                private {{member.TypeName}} {{field}} = default!;

                /// <inheritdoc/>
                {{PropertyModifiers(partial)}} partial {{member.TypeName}} {{Identifier(member.Name)}}
                {
                    {{Prefix(partial.GetterAccessibility)}}get => this.{{field}};
                    {{Prefix(partial.SetterAccessibility)}}{{(partial.SetterIsInit ? "init" : "set")}} { this.{{field}} = value; this.Changed = true; }
                }

                """);
        }

        private static string PropertyModifiers(PartialPropertySpec partial)
        {
            var inheritance = partial.Inheritance switch
            {
                PropertyInheritance.Virtual => " virtual",
                PropertyInheritance.Override => " override",
                PropertyInheritance.SealedOverride => " sealed override",
                _ => "",
            };
            return partial.Accessibility + (partial.IsRequired ? " required" : "") + inheritance;
        }

        private static void WriteMemberMethods(SourceWriter writer, PersistableTypeSpec spec)
        {
            // A sealed root can't declare protected virtuals; derived types override their base's.
            var derived = spec.HasPersistableBase;
            var privateRoot = spec.IsSealed && !derived;
            var modifiers = derived ? "protected override" : privateRoot ? "private" : "protected virtual";
            // Hidden from IntelliSense where a derived class would see them.
            var declaration = privateRoot ? modifiers : $"{Hidden}\n{modifiers}";

            var count = spec.Members.Count.ToString(CultureInfo.InvariantCulture);
            var tracked = spec.Members.All(m => m.IsTracked);
            // A derived type is tracked when its base is and its own members are.
            var fullyTracked = !derived ? (tracked ? "true" : "false") : tracked ? "base.Gc3IsFullyTracked" : "false";
            writer.WriteLine($"{declaration} int Gc3MemberCount => {(derived ? "base.Gc3MemberCount + " : "")}{count};");
            writer.WriteLine($"{declaration} bool Gc3IsFullyTracked => {fullyTracked};");
            writer.WriteLine();

            writer.OpenBlock($"{declaration} void Gc3WriteMembers(ref {WriterAlias} writer, {BufferAlias} buffer)");
            if (derived)
            {
                writer.WriteLine("base.Gc3WriteMembers(ref writer, buffer);");
            }

            foreach (var member in spec.Members)
            {
                writer.WriteLine(WriteStatement(member));
            }

            writer.CloseBlock();
            writer.WriteLine();

            // One member by key: the root's ReadMembers loop calls it; a derived type's override passes the keys it does not know to its base.
            writer.OpenBlock($"{declaration} bool Gc3ReadMember(ref {ReaderAlias} reader, uint key)");
            writer.OpenBlock("switch (key)");
            foreach (var member in spec.Members)
            {
                writer.WriteLine($"case {KeyLiteral(member.Key)}: {AssignStatement(member, ReadExpression(member))} return true;");
            }

            writer.WriteLine($"default: return {(derived ? "base.Gc3ReadMember(ref reader, key)" : "false")};");
            writer.CloseBlock();
            writer.CloseBlock();
            writer.WriteLine();

            writer.WriteLine($$"""
                /// <summary>Implement this partial method to update an object after it is loaded (gc3's <c>_update_to_latest_schema</c>).</summary>
                partial void OnPersistenceLoaded();

                {{declaration}} void Gc3AfterLoad()
                {
                """);
            writer.Indentation++;
            if (derived)
            {
                writer.WriteLine("base.Gc3AfterLoad();");
            }

            writer.WriteLine("OnPersistenceLoaded();");
            writer.CloseBlock();

            foreach (var member in spec.Members.Where(m => m.AccessKind == MemberAccessKind.InitOnly))
            {
                writer.WriteLine($$"""

                    [{{UnsafeAccessorAttribute}}({{UnsafeAccessorKind}}.Method, Name = "set_{{member.Name}}")]
                    private static extern void {{SetterAccessor(member)}}({{spec.FullyQualifiedName}} target, {{member.TypeName}} value);
                    """);
            }

            foreach (var member in spec.Members.Where(m => m.AccessKind == MemberAccessKind.StorageField))
            {
                // A readonly field or a get-only auto-property's backing field: a ref to it, past 'readonly'.
                writer.WriteLine($$"""

                    [{{UnsafeAccessorAttribute}}({{UnsafeAccessorKind}}.Field, Name = {{Literal(member.StorageFieldName!)}})]
                    private static extern ref {{member.TypeName}} {{StorageAccessor(member)}}({{spec.FullyQualifiedName}} target);
                    """);
            }

            if (spec.NeedsUnsafeConstructor && !spec.IsAbstract && !spec.CreatesUninitialized)
            {
                // Required members make 'new T()' illegal; the parameterless constructor is still there to call.
                writer.WriteLine($$"""

                    [{{UnsafeAccessorAttribute}}({{UnsafeAccessorKind}}.Constructor)]
                    private static extern {{spec.FullyQualifiedName}} Gc3Create();
                    """);
            }
        }

        /// <summary>
        /// A record's <c>PrintMembers</c>, as the compiler writes it but without the generated <c>PersistentId</c> and
        /// <c>Changed</c>, which are not part of the record's value (declaring it stops the compiler's own).
        /// </summary>
        private static void WritePrintMembers(SourceWriter writer, PersistableTypeSpec spec, RecordPrintSpec printing)
        {
            var modifiers = printing.BaseIsRecord ? "protected override" : spec.IsSealed ? "private" : "protected virtual";
            writer.WriteLine();
            writer.OpenBlock($"{modifiers} bool PrintMembers({TextBuilder} builder)");
            writer.WriteLine($"{RuntimeHelpers}.EnsureSufficientExecutionStack();");
            if (printing.BaseIsRecord && printing.Members.IsEmpty)
            {
                writer.WriteLine("return base.PrintMembers(builder);");
                writer.CloseBlock();
                return;
            }

            if (printing.BaseIsRecord)
            {
                writer.OpenBlock("if (base.PrintMembers(builder))");
                writer.WriteLine("builder.Append(\", \");");
                writer.CloseBlock();
            }

            for (var i = 0; i < printing.Members.Count; i++)
            {
                var name = printing.Members[i];
                writer.WriteLine($"builder.Append({Literal((i == 0 ? "" : ", ") + name + " = ")});");
                writer.WriteLine($"builder.Append((object?)this.{Identifier(name)});");
            }

            writer.WriteLine($"return {(printing.Members.IsEmpty ? "false" : "true")};");
            writer.CloseBlock();
        }

        private static void WriteSerializer(SourceWriter writer, PersistableTypeSpec spec)
        {
            writer.WriteLine();
            writer.WriteLine(Hidden);
            writer.OpenBlock($"internal {(spec.HidesBaseSerializer ? "new " : "")}sealed class Gc3Serializer : {PersistableSerializer}");
            if (!spec.Columns.IsEmpty)
            {
                writer.WriteLine($"private static readonly {StoreColumnInfo}[] s_columns =");
                writer.WriteLine("[");
                writer.Indentation++;
                foreach (var column in spec.Columns)
                {
                    writer.WriteLine($"new({Literal(column.ColumnName)}, {StoreColumnKind}.{column.Kind}, {Literal(column.MemberName)}),");
                }

                writer.Indentation--;
                writer.WriteLine("""
                    ];

                    """);
            }

            // A type with only a primary constructor is created without running it: every persisted member, the state
            // the constructor would have set included, is read into the instance next.
            var create = spec.CreatesUninitialized ? $"{RuntimeHelpers}.GetUninitializedObject(typeof({spec.FullyQualifiedName}))"
                : spec.NeedsUnsafeConstructor ? "Gc3Create()"
                : $"new {spec.FullyQualifiedName}()";
            // The schema document names what the records hold (issue 15); its hash goes into every record's header.
            var document = SchemaDocumentText.Write(spec.Tag, spec.IdPrefix, spec.Schema!);
            writer.WriteLine($$"""
                /// <summary>The schema of this type's records (the schema contract's JSON document).</summary>
                internal new const string SchemaDocument = {{Literal(document)}};

                /// <summary>The FNV-1a 64 hash of <see cref="SchemaDocument"/>'s UTF-8 bytes, written into each record.</summary>
                internal new const ulong SchemaHash = 0x{{SchemaDocumentText.Hash(document).ToString("X16", CultureInfo.InvariantCulture)}}UL;

                public Gc3Serializer()
                    : base(typeof({{spec.FullyQualifiedName}}), {{Literal(spec.Tag)}}, {{Literal(spec.IdPrefix)}}, SchemaDocument, SchemaHash)
                {
                }

                public override object CreateInstance() => {{create}};
                """);
            if (!spec.Columns.IsEmpty)
            {
                writer.WriteLine($$"""

                    public override {{ReadOnlyList}}<{{StoreColumnInfo}}> Columns => s_columns;

                    """);
                writer.OpenBlock($"public override void GetColumnValues(object obj, {Span}<object?> values)");
                writer.WriteLine($"var value = ({spec.FullyQualifiedName})obj;");

                // A getter that throws gives its exception as its column's value: the other columns are still read.
                for (var i = 0; i < spec.Columns.Count; i++)
                {
                    var at = i.ToString(CultureInfo.InvariantCulture);
                    writer.WriteLine($"try {{ values[{at}] = {ColumnValue(spec.Columns[i])}; }} catch (global::System.Exception e) {{ values[{at}] = e; }}");
                }

                writer.CloseBlock();
            }

            writer.CloseBlock();
        }

        /// <summary>The expression that converts a <c>[StoreColumn]</c> member of <c>value</c> to its column's value.</summary>
        private static string ColumnValue(StoreColumnSpec column)
        {
            var access = "value." + Identifier(column.MemberName);
            var q = column.IsNullable ? "?" : "";
            return column.Conversion switch
            {
                ColumnConversion.ToText => $"{access}{q}.ToString()",
                ColumnConversion.ToInt64 => $"(long{q}){access}",
                ColumnConversion.BooleanToInt64 => column.IsNullable ? $"({access} is bool b ? (b ? 1L : 0L) : (long?)null)" : $"({access} ? 1L : 0L)",
                ColumnConversion.ToDouble => $"(double{q}){access}",
                ColumnConversion.ToUtcDateTime => $"{access}{q}.UtcDateTime",
                _ => access,
            };
        }

        /// <summary>One call that writes the member's key, value and length: the MemberFraming method of its value kind.</summary>
        private static string WriteStatement(PersistableMemberSpec member)
        {
            var method = member.ValueKind switch
            {
                MemberValueKind.String => "WriteString",
                MemberValueKind.Unmanaged => "WriteUnmanaged",
                MemberValueKind.NullableUnmanaged => "WriteNullable",
                MemberValueKind.PersistableReference => $"WriteReference<{member.NonNullableTypeName}>",
                MemberValueKind.StringCollection => "WriteStrings",
                _ => "WriteValue",
            };

            // '!' waives the strings' nullability, which WriteStrings's parameter fixes as nullable.
            var waiver = member.ValueKind == MemberValueKind.StringCollection ? "!" : "";
            return $"{FramingAlias}.{method}(ref writer, buffer, {KeyLiteral(member.Key)}, {ValueAccess(member)}{waiver});";
        }

        private static string ReadExpression(PersistableMemberSpec member) => member.ValueKind switch
        {
            _ when member.KeepsComparer => $"{ComparerCollections}.Read(ref reader, {ValueAccess(member)}, {Literal(member.Name)})!",
            MemberValueKind.String => $"{FramingAlias}.ReadString(ref reader)!",
            MemberValueKind.Unmanaged => $"reader.ReadUnmanaged<{member.NonNullableTypeName}>()",
            MemberValueKind.NullableUnmanaged => $"{NullableScalars}.Read<{member.UnderlyingTypeName}>(ref reader)",
            MemberValueKind.PersistableReference => $"{ReferenceFormatter}<{member.NonNullableTypeName}>.Read(ref reader)!",
            _ => $"reader.ReadValue<{member.TypeName}>()!",
        };

        // An init-only member is set through the accessor of its setter; any other is assigned where Gc3WriteMembers reads it.
        private static string AssignStatement(PersistableMemberSpec member, string expression) => member.AccessKind == MemberAccessKind.InitOnly
            ? $"{SetterAccessor(member)}(this, {expression});"
            : $"{ValueAccess(member)} = {expression};";

        private static string ValueAccess(PersistableMemberSpec member) => member.AccessKind switch
        {
            MemberAccessKind.GeneratedPartial => $"this.{BackingField(member)}",
            MemberAccessKind.StorageField => $"{StorageAccessor(member)}(this)",
            _ => $"this.{Identifier(member.Name)}",
        };

        private static string StorageAccessor(PersistableMemberSpec member) => "Gc3Field_" + member.Name;

        private static string SetterAccessor(PersistableMemberSpec member) => "Gc3Set_" + member.Name;

        private static string BackingField(PersistableMemberSpec member) => PersistableRules.GeneratedBackingFieldPrefix + member.Name;

        private static string Prefix(string? accessibility) => accessibility is null ? "" : accessibility + " ";

        private static string KeyLiteral(uint key) => "0x" + key.ToString("X8", CultureInfo.InvariantCulture) + "u";

        private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

        private static string Identifier(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

        private static string SafeIdentifier(string name)
        {
            var builder = new StringBuilder(name.Length);
            foreach (var c in name)
            {
                builder.Append(char.IsLetterOrDigit(c) ? c : '_');
            }

            return builder.ToString();
        }
    }
}
