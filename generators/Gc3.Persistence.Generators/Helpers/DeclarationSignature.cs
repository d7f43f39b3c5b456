using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gc3.Persistence.Generators.Helpers;

/// <summary>
/// Two hashes of one syntax tree, worked out once per tree: <see cref="Names"/>, of what the tree adds to name
/// lookup in every other file (the types it declares, its global usings, its assembly attributes); and
/// <see cref="Declarations"/>, of everything in it but comments, whitespace and the bodies of methods,
/// accessors and lambdas. An edit inside a body or a comment changes neither, so it cannot change what the
/// parser reads from the tree's symbols.
/// </summary>
internal sealed class DeclarationSignature
{
    // A tree is immutable, so its signature is too; an unchanged file keeps its tree (and this) across edits.
    private static readonly ConditionalWeakTable<SyntaxTree, DeclarationSignature> Signatures = new();

    private DeclarationSignature(ulong names, ulong declarations)
    {
        Names = names;
        Declarations = declarations;
    }

    /// <summary>The hash of the types the tree declares (namespace, containing types, name, arity), its global usings and assembly attributes.</summary>
    public ulong Names { get; }

    /// <summary>The hash of the tree's tokens and directives outside bodies (a body counts only as being there).</summary>
    public ulong Declarations { get; }

    /// <summary>The signature of <paramref name="tree"/>.</summary>
    public static DeclarationSignature Of(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (Signatures.TryGetValue(tree, out var known))
        {
            return known;
        }

        var root = tree.GetRoot(cancellationToken);
        var signature = new DeclarationSignature(NamesOf(root), DeclarationsOf(root, cancellationToken));
        return Signatures.GetValue(tree, _ => signature);
    }

    private static ulong NamesOf(SyntaxNode root)
    {
        var hash = new Hash64();
        if (root is not CompilationUnitSyntax unit)
        {
            hash.Add(root.ToString());
            return hash.Value;
        }

        foreach (var alias in unit.Externs)
        {
            hash.Add(alias.ToString());
        }

        foreach (var directive in unit.Usings)
        {
            if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
            {
                hash.Add(directive.ToString());
            }
        }

        foreach (var attributes in unit.AttributeLists)
        {
            hash.Add(attributes.ToString());
        }

        AddDeclaredNames(hash, unit.Members, "");
        return hash.Value;
    }

    private static void AddDeclaredNames(Hash64 hash, SyntaxList<MemberDeclarationSyntax> members, string prefix)
    {
        foreach (var member in members)
        {
            switch (member)
            {
                case BaseNamespaceDeclarationSyntax ns:
                    var name = prefix + ns.Name.ToString() + ".";
                    hash.Add("N:" + name);
                    AddDeclaredNames(hash, ns.Members, name);
                    break;
                case TypeDeclarationSyntax type:
                    var typeName = prefix + type.Identifier.ValueText + "`" + (type.TypeParameterList?.Parameters.Count ?? 0);
                    hash.Add("T:" + typeName);
                    AddDeclaredNames(hash, type.Members, typeName + "+");
                    break;
                case EnumDeclarationSyntax enumeration:
                    hash.Add("T:" + prefix + enumeration.Identifier.ValueText + "`0");
                    break;
                case DelegateDeclarationSyntax callback:
                    hash.Add("T:" + prefix + callback.Identifier.ValueText + "`" + (callback.TypeParameterList?.Parameters.Count ?? 0));
                    break;
                case GlobalStatementSyntax:
                    hash.Add("G:" + prefix); // top-level statements declare the Program class
                    break;
            }
        }
    }

    private static ulong DeclarationsOf(SyntaxNode root, CancellationToken cancellationToken)
    {
        var hash = new Hash64();

        // An explicit stack: an initializer can nest expressions deeper than recursion would like.
        var pending = new Stack<SyntaxNodeOrToken>();
        var visited = 0;
        pending.Push(root);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current.IsToken)
            {
                var token = current.AsToken();
                hash.Add(token.RawKind);
                hash.Add(token.Text);
                continue;
            }

            var node = current.AsNode()!;
            if (node is BlockSyntax or ArrowExpressionClauseSyntax)
            {
                hash.Add(-node.RawKind); // a body is there; what it holds is no declaration
                continue;
            }

            if (++visited % 1024 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var children = node.ChildNodesAndTokens();
            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push(children[i]);
            }
        }

        // Directives live in trivia: #nullable changes the annotations the parser reads, #if what is declared.
        if (root.ContainsDirectives && root is CSharpSyntaxNode csharp)
        {
            for (var directive = csharp.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
            {
                hash.Add(directive.ToString());
            }
        }

        return hash.Value;
    }

    /// <summary>64-bit FNV-1a over UTF-16 code units and numbers, with a separator after each text.</summary>
    private sealed class Hash64
    {
        public ulong Value { get; private set; } = 14695981039346656037UL;

        public void Add(string text)
        {
            foreach (var c in text)
            {
                Mix(c);
            }

            Mix(0xFFFF);
        }

        public void Add(int number)
        {
            Mix((uint)number & 0xFFFF);
            Mix((uint)number >> 16);
        }

        private void Mix(uint part) => Value = unchecked((Value ^ part) * 1099511628211UL);
    }
}
