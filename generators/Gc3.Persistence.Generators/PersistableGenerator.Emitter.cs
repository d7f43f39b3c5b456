using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using Gc3.Persistence.Generators.Helpers;
using Gc3.Persistence.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static Gc3.Persistence.Generators.KnownTypeNames;

namespace Gc3.Persistence.Generators;

public sealed partial class PersistableGenerator
{
    /// <summary>Turns specs into C# text. Works from the specs alone: no symbols, no compilation.</summary>
    internal static class Emitter
    {
        public const string RegistrationHintName = "Gc3.Persistence.Registration.g.cs";
        private static readonly string GeneratorVersion = typeof(PersistableGenerator).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";
        private static readonly string GeneratedCode = $"[{GeneratedCodeAttribute}(\"Gc3.Persistence.Generators\", \"{GeneratorVersion}\")]";

        /// <summary>
        /// The generated part of a persistable class. For <c>[Persistable] partial class Job</c> it is:
        /// <code>
        /// partial class Job : IPersistable, IPersistableBody           // base list only on a root type
        /// {
        ///     public Id? PersistentId { get; set; }                   // root type only
        ///     public bool Changed { get; set; }                       // root type only
        ///     public partial string Name { get => ...; set { ...; Changed = true; } }   // per partial property
        ///     protected virtual int Gc3MemberCount => 2;              // override (base + own) in derived types
        ///     protected virtual void Gc3WriteMembers(...)             // key, length, value per member
        ///     protected virtual bool Gc3ReadMember(..., uint key)     // switch on the key (own members, then the base's)
        ///     protected virtual void Gc3ReadMembers(..., int count)   // the same switch, in a loop over a record's members
        ///     internal sealed class Gc3Serializer : PersistableSerializer { ... }   // concrete types only
        /// }
        /// </code>
        /// </summary>
        public static string WriteType(PersistableTypeSpec spec)
        {
            var writer = new SourceWriter();
            WriteFileHeader(writer);
            if (spec.Namespace is not null)
            {
                writer.OpenBlock($"namespace {spec.Namespace}");
            }

            foreach (var declaration in spec.ContainingTypeDeclarations)
            {
                writer.OpenBlock(declaration);
            }

            WriteLayoutRemarks(writer, spec);
            writer.WriteLine(GeneratedCode);
            var baseList = spec.HasPersistableBase ? "" : $" : {IPersistable}, {IPersistableBody}";
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
            if (!spec.IsAbstract)
            {
                WriteSerializer(writer, spec);
            }

            writer.CloseBlock();
            foreach (var _ in spec.ContainingTypeDeclarations)
            {
                writer.CloseBlock();
            }

            if (spec.Namespace is not null)
            {
                writer.CloseBlock();
            }

            return writer.ToString();
        }

        /// <summary>
        /// The assembly's registration: a module initializer that registers every persistable type, the
        /// formatters its members need, and the registrations of referenced assemblies (so a library's
        /// types load even before the application touches that library).
        /// </summary>
        public static string? WriteRegistration(ImmutableArray<RegisteredTypeSpec> types, ReferencedRegistrationsSpec referenced)
        {
            if (types.IsEmpty && referenced.RegistrationTypes.IsEmpty)
            {
                return null;
            }

            // The identifier alone is not unique ("My.App" and "My_App" give the same): the hash of the exact name makes it so.
            var className = $"PersistenceRegistration_{SafeIdentifier(referenced.AssemblyName)}_{Fnv1a.Hash(referenced.AssemblyName).ToString("X8", CultureInfo.InvariantCulture)}";
            var writer = new SourceWriter();
            WriteFileHeader(writer);
            writer.WriteLine($"[assembly: global::Gc3.Persistence.Serialization.PersistenceRegistrationAttribute(typeof(global::Gc3.Persistence.Generated.{className}))]");
            writer.WriteLine();
            writer.OpenBlock("namespace Gc3.Persistence.Generated");
            writer.WriteLine($"/// <summary>Registers the persistable types of {Escape(referenced.AssemblyName)} with Gc3.Persistence. Generated; called at start-up.</summary>");
            writer.WriteLine($"[{EditorBrowsableNever}]");
            writer.WriteLine(GeneratedCode);
            writer.OpenBlock($"public static class {className}");
            writer.WriteLine("private static int s_registered;");
            writer.WriteLine();
            writer.WriteLine("[global::System.Runtime.CompilerServices.ModuleInitializer]");
            writer.WriteLine("internal static void Initialize() => EnsureRegistered();");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Registers this assembly's persistable types and those of the assemblies it references; runs once.</summary>");
            writer.OpenBlock("public static void EnsureRegistered()");
            writer.OpenBlock("if (global::System.Threading.Interlocked.Exchange(ref s_registered, 1) != 0)");
            writer.WriteLine("return;");
            writer.CloseBlock();
            writer.WriteLine();
            foreach (var registration in referenced.RegistrationTypes)
            {
                writer.WriteLine($"{registration}.EnsureRegistered();");
            }

            var formatters = new List<FormatterSpec>();
            foreach (var type in types.OrderBy(t => t.FullyQualifiedName, System.StringComparer.Ordinal))
            {
                if (!type.IsAbstract)
                {
                    writer.WriteLine($"{PersistableRegistry}.Register(new {type.FullyQualifiedName}.Gc3Serializer());");
                }

                formatters.Add(new FormatterSpec(type.FullyQualifiedName, $"{ReferenceFormatter}<{type.FullyQualifiedName}>.Instance"));
                formatters.AddRange(type.Formatters);
            }

            var distinct = formatters.Distinct().ToList();
            if (distinct.Count > 0)
            {
                // MemoryPack's collection formatters declare nullable elements (ListFormatter<T> formats List<T?>),
                // which the oblivious type names below don't repeat; the registration concerns run-time types only.
                writer.WriteLine("#nullable disable warnings");
            }

            foreach (var formatter in distinct)
            {
                if (formatter.FormatterExpression is null)
                {
                    // A [MemoryPackable] type registers its own formatter from its static constructor: run it now.
                    writer.WriteLine($"global::System.Runtime.CompilerServices.RuntimeHelpers.RunClassConstructor(typeof({formatter.TypeName}).TypeHandle);");
                    continue;
                }

                writer.OpenBlock($"if (!global::MemoryPack.MemoryPackFormatterProvider.IsRegistered<{formatter.TypeName}>())");
                writer.WriteLine($"global::MemoryPack.MemoryPackFormatterProvider.Register<{formatter.TypeName}>({formatter.FormatterExpression});");
                writer.CloseBlock();
            }

            if (distinct.Count > 0)
            {
                writer.WriteLine("#nullable restore warnings");
            }

            writer.CloseBlock();
            writer.CloseBlock();
            writer.CloseBlock();
            return writer.ToString();
        }

        private static void WriteFileHeader(SourceWriter writer)
        {
            writer.WriteLine("// <auto-generated/>");
            writer.WriteLine("// Written by the Gc3.Persistence generator; edits are lost when it runs again.");
            writer.WriteLine("#nullable enable");
            writer.WriteLine("#pragma warning disable CS0612, CS0618 // obsolete members are still persisted");
            writer.WriteLine();
        }

        private static void WriteLayoutRemarks(SourceWriter writer, PersistableTypeSpec spec)
        {
            writer.WriteLine("/// <remarks>");
            writer.WriteLine($"/// Persisted by Gc3.Persistence under the type tag <c>{Escape(spec.Tag)}</c>, with ID prefix <c>{Escape(spec.IdPrefix)}</c>{(spec.HasPersistableBase ? ", after the members of its base type" : "")}.");
            if (!spec.Members.IsEmpty)
            {
                writer.WriteLine("/// Member keys (records find members by key; a key must never change meaning):");
                writer.WriteLine("/// <list type=\"table\">");
                foreach (var member in spec.Members)
                {
                    var how = member.ValueKind == MemberValueKind.PersistableReference ? "reference (ID)" : "value";
                    var tracked = member.IsTracked ? "tracked" : "not tracked";
                    writer.WriteLine($"/// <item><term><c>{KeyLiteral(member.Key)}</c></term><description>{Escape(member.Name)}: {Escape(member.NonNullableTypeName)}, {how}, {tracked}</description></item>");
                }

                writer.WriteLine("/// </list>");
            }

            writer.WriteLine("/// </remarks>");
        }

        private static void WriteRootMembers(SourceWriter writer)
        {
            writer.WriteLine("/// <inheritdoc/>");
            writer.WriteLine($"public {Id}? PersistentId {{ get; set; }}");
            writer.WriteLine();
            writer.WriteLine("/// <inheritdoc/>");
            writer.WriteLine("public bool Changed { get; set; }");
            writer.WriteLine();
            writer.WriteLine($"int {IPersistableBody}.PersistedMemberCount => Gc3MemberCount;");
            writer.WriteLine($"bool {IPersistableBody}.IsFullyTracked => Gc3IsFullyTracked;");
            writer.WriteLine($"void {IPersistableBody}.WriteMembers(ref {MemoryPackWriter}<{RecordBuffer}> writer, {RecordBuffer} buffer) => Gc3WriteMembers(ref writer, buffer);");
            writer.WriteLine($"void {IPersistableBody}.ReadMembers(ref {MemoryPackReader} reader, int count) => Gc3ReadMembers(ref reader, count);");
            writer.WriteLine($"void {IPersistableBody}.AfterLoad() => Gc3AfterLoad();");
            writer.WriteLine($"object? {IPersistableBody}.StoreVersions {{ get; set; }}");
            writer.WriteLine();
        }

        private static void WritePartialProperty(SourceWriter writer, PersistableMemberSpec member)
        {
            var partial = member.PartialProperty!;
            var field = BackingField(member);
            writer.WriteLine($"private {member.TypeName} {field} = default!;");
            writer.WriteLine();
            writer.WriteLine("/// <inheritdoc/>");
            writer.OpenBlock($"{partial.Modifiers} partial {member.TypeName} {Identifier(member.Name)}");
            writer.WriteLine($"{Prefix(partial.GetterAccessibility)}get => this.{field};");
            writer.WriteLine($"{Prefix(partial.SetterAccessibility)}{(partial.SetterIsInit ? "init" : "set")} {{ this.{field} = value; this.Changed = true; }}");
            writer.CloseBlock();
            writer.WriteLine();
        }

        private static void WriteMemberMethods(SourceWriter writer, PersistableTypeSpec spec)
        {
            // A sealed root can't declare protected virtuals; derived types override their base's.
            var modifiers = spec.HasPersistableBase ? "protected override" : spec.IsSealed ? "private" : "protected virtual";
            var derived = spec.HasPersistableBase;
            var browsable = spec.IsSealed && !derived ? "" : $"[{EditorBrowsableNever}]\n";
            var docs = spec.IsSealed && !derived ? "" : "/// <summary>Generated by Gc3.Persistence; not meant to be called by hand.</summary>\n";

            writer.WriteLine($"{docs}{browsable}{modifiers} int Gc3MemberCount => {(derived ? "base.Gc3MemberCount + " : "")}{spec.Members.Count.ToString(CultureInfo.InvariantCulture)};");
            writer.WriteLine();
            var tracked = spec.Members.All(m => m.IsTracked) ? "true" : "false";
            // A derived type is tracked when its base is and its own members are: 'base.X && true' reads as just 'base.X'.
            var fullyTracked = !derived ? tracked : tracked == "true" ? "base.Gc3IsFullyTracked" : "false";
            writer.WriteLine($"{docs}{browsable}{modifiers} bool Gc3IsFullyTracked => {fullyTracked};");
            writer.WriteLine();

            writer.WriteLine(docs + browsable.TrimEnd('\n'));
            writer.OpenBlock($"{modifiers} void Gc3WriteMembers(ref {MemoryPackWriter}<{RecordBuffer}> writer, {RecordBuffer} buffer)");
            if (derived)
            {
                writer.WriteLine("base.Gc3WriteMembers(ref writer, buffer);");
            }

            if (!spec.Members.IsEmpty)
            {
                writer.WriteLine("int start;");
            }

            foreach (var member in spec.Members)
            {
                writer.WriteLine($"start = {MemberFraming}.Begin(ref writer, {KeyLiteral(member.Key)}); // {member.Name}");
                writer.WriteLine(WriteStatement(member));
                writer.WriteLine($"{MemberFraming}.End(ref writer, buffer, start);");
            }

            writer.CloseBlock();
            writer.WriteLine();

            // One member by key (a derived type's loop asks its base for keys it does not know)...
            writer.WriteLine(docs + browsable.TrimEnd('\n'));
            writer.OpenBlock($"{modifiers} bool Gc3ReadMember(ref {MemoryPackReader} reader, uint key)");
            writer.OpenBlock("switch (key)");
            WriteReadCases(writer, spec, "return true;");
            writer.WriteLine("default:");
            writer.Indentation++;
            writer.WriteLine($"return {UnknownToOwnMembers(derived)};");
            writer.Indentation--;
            writer.CloseBlock();
            writer.CloseBlock();
            writer.WriteLine();

            // ...and every member of a record, the same switch in a loop: one call per record, not two per member.
            writer.WriteLine(docs + browsable.TrimEnd('\n'));
            writer.OpenBlock($"{modifiers} void Gc3ReadMembers(ref {MemoryPackReader} reader, int count)");
            writer.OpenBlock("for (var i = 0; i < count; i++)");
            writer.WriteLine($"var key = {MemberFraming}.ReadMemberHeader(ref reader, out var end);");
            writer.WriteLine("bool known;");
            writer.OpenBlock("switch (key)");
            WriteReadCases(writer, spec, "known = true;", "break;");
            writer.WriteLine("default:");
            writer.Indentation++;
            writer.WriteLine($"known = {UnknownToOwnMembers(derived)};");
            writer.WriteLine("break;");
            writer.Indentation--;
            writer.CloseBlock();
            writer.WriteLine();
            writer.WriteLine($"{MemberFraming}.Finish(ref reader, key, end, known);");
            writer.CloseBlock();
            writer.CloseBlock();
            writer.WriteLine();

            writer.WriteLine("/// <summary>Implement this partial method to update an object after it is loaded (gc3's <c>_update_to_latest_schema</c>).</summary>");
            writer.WriteLine("partial void OnPersistenceLoaded();");
            writer.WriteLine();
            writer.WriteLine(docs + browsable.TrimEnd('\n'));
            writer.WriteLine($"{modifiers} void Gc3AfterLoad()");
            writer.WriteLine("{");
            writer.Indentation++;
            if (derived)
            {
                writer.WriteLine("base.Gc3AfterLoad();");
            }

            writer.WriteLine("OnPersistenceLoaded();");
            writer.CloseBlock();

            foreach (var member in spec.Members.Where(m => m.AccessKind == MemberAccessKind.InitOnly))
            {
                writer.WriteLine();
                writer.WriteLine($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = \"set_{member.Name}\")]");
                writer.WriteLine($"private static extern void Gc3Set_{member.Name}({spec.FullyQualifiedName} target, {member.TypeName} value);");
            }

            if (spec.NeedsUnsafeConstructor && !spec.IsAbstract)
            {
                // Required members make 'new T()' illegal; the parameterless constructor is still there to call.
                writer.WriteLine();
                writer.WriteLine("[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.Constructor)]");
                writer.WriteLine($"private static extern {spec.FullyQualifiedName} Gc3Create();");
            }
        }

        private static void WriteSerializer(SourceWriter writer, PersistableTypeSpec spec)
        {
            writer.WriteLine();
            writer.WriteLine($"[{EditorBrowsableNever}]");
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
                writer.WriteLine("];");
                writer.WriteLine();
            }

            writer.WriteLine("public Gc3Serializer()");
            writer.Indentation++;
            writer.WriteLine($": base(typeof({spec.FullyQualifiedName}), {Literal(spec.Tag)}, {Literal(spec.IdPrefix)})");
            writer.Indentation--;
            writer.WriteLine("{");
            writer.WriteLine("}");
            writer.WriteLine();
            writer.WriteLine($"public override object CreateInstance() => {(spec.NeedsUnsafeConstructor ? "Gc3Create()" : $"new {spec.FullyQualifiedName}()")};");
            if (!spec.Columns.IsEmpty)
            {
                writer.WriteLine();
                writer.WriteLine($"public override global::System.Collections.Generic.IReadOnlyList<{StoreColumnInfo}> Columns => s_columns;");
                writer.WriteLine();
                writer.OpenBlock("public override void GetColumnValues(object obj, global::System.Span<object?> values)");
                writer.WriteLine($"var value = ({spec.FullyQualifiedName})obj;");
                for (var i = 0; i < spec.Columns.Count; i++)
                {
                    writer.WriteLine($"values[{i.ToString(CultureInfo.InvariantCulture)}] = {spec.Columns[i].ValueExpression};");
                }

                writer.CloseBlock();
            }

            writer.CloseBlock();
        }

        private static void WriteReadCases(SourceWriter writer, PersistableTypeSpec spec, params string[] afterRead)
        {
            foreach (var member in spec.Members)
            {
                writer.WriteLine($"case {KeyLiteral(member.Key)}: // {member.Name}");
                writer.Indentation++;
                writer.WriteLine(AssignStatement(spec, member, ReadExpression(member)));
                foreach (var line in afterRead)
                {
                    writer.WriteLine(line);
                }

                writer.Indentation--;
            }
        }

        private static string UnknownToOwnMembers(bool derived) => derived ? "base.Gc3ReadMember(ref reader, key)" : "false";

        private static string WriteStatement(PersistableMemberSpec member)
        {
            var value = ValueAccess(member);
            return member.ValueKind switch
            {
                MemberValueKind.String => $"writer.WriteString({value});",
                MemberValueKind.Unmanaged => $"writer.WriteUnmanaged({value});",
                MemberValueKind.NullableUnmanaged => $"{NullableScalars}.Write(ref writer, {value});",
                MemberValueKind.PersistableReference => $"{ReferenceFormatter}<{member.NonNullableTypeName}>.Write(ref writer, {value});",
                // '!' waives the strings' nullability, which the helper's parameter fixes as nullable.
                MemberValueKind.StringCollection => $"{StringCollections}.Write(ref writer, {value}!);",
                _ => $"writer.WriteValue({value});",
            };
        }

        private static string ReadExpression(PersistableMemberSpec member) => member.ValueKind switch
        {
            MemberValueKind.String => "reader.ReadString()!",
            MemberValueKind.Unmanaged => $"reader.ReadUnmanaged<{member.NonNullableTypeName}>()",
            // The fully qualified display of Nullable<T> is always "T?".
            MemberValueKind.NullableUnmanaged => $"{NullableScalars}.Read<{member.NonNullableTypeName.TrimEnd('?')}>(ref reader)",
            MemberValueKind.PersistableReference => $"{ReferenceFormatter}<{member.NonNullableTypeName}>.Read(ref reader)!",
            _ => $"reader.ReadValue<{member.TypeName}>()!",
        };

        private static string AssignStatement(PersistableTypeSpec spec, PersistableMemberSpec member, string expression) => member.AccessKind switch
        {
            MemberAccessKind.GeneratedPartial => $"this.{BackingField(member)} = {expression};",
            MemberAccessKind.InitOnly => $"Gc3Set_{member.Name}(this, {expression});",
            _ => $"this.{Identifier(member.Name)} = {expression};",
        };

        private static string ValueAccess(PersistableMemberSpec member)
            => member.AccessKind == MemberAccessKind.GeneratedPartial ? $"this.{BackingField(member)}" : $"this.{Identifier(member.Name)}";

        private static string BackingField(PersistableMemberSpec member) => "__gc3_" + member.Name;

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
