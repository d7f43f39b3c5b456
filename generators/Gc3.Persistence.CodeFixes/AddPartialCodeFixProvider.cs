namespace Gc3.Persistence.CodeFixes;

/// <summary>GC3P001: adds <c>partial</c> to the type and to every type containing it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPartialCodeFixProvider))]
[Shared]
public sealed class AddPartialCodeFixProvider() : NodeCodeFixProvider<TypeDeclarationSyntax>(DiagnosticDescriptors.TypeNotPartialId)
{
    /// <inheritdoc/>
    private protected override TypeDeclarationSyntax? Find(SyntaxNode start) => start as TypeDeclarationSyntax;

    /// <inheritdoc/>
    private protected override string Title(TypeDeclarationSyntax declaration)
        => $"Make '{declaration.Identifier.ValueText}' partial, with the types containing it";

    /// <inheritdoc/>
    private protected override SyntaxNode Fix(SyntaxNode root, TypeDeclarationSyntax declaration)
    {
        var chain = declaration.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().Where(d => !d.Modifiers.Any(SyntaxKind.PartialKeyword));
        return root.ReplaceNodes(chain, static (_, rewritten) => AddPartial(rewritten));
    }

    /// <summary>Adds <c>partial</c> as the last modifier, where C# requires it (right before the <c>class</c> keyword).</summary>
    private static TypeDeclarationSyntax AddPartial(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Count == 0)
        {
            // The keyword carries the line's indentation; the new first modifier takes it over.
            var keyword = declaration.Keyword;
            var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return declaration.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial));
        }

        return declaration.WithModifiers(declaration.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
    }
}
