using Microsoft.CodeAnalysis.Simplification;

namespace Gc3.Persistence.CodeFixes;

/// <summary>GC3P002 and GC3P017: marks the member <c>[PersistIgnore]</c>, saying that it is meant not to be persisted.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PersistIgnoreCodeFixProvider))]
[Shared]
public sealed class PersistIgnoreCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MemberNotSerializableId,
        DiagnosticDescriptors.ReadOnlyMemberNotPersistedId);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var member = root?.FindToken(context.Span.Start).Parent?.AncestorsAndSelf()
            .FirstOrDefault(n => n is PropertyDeclarationSyntax or FieldDeclarationSyntax) as MemberDeclarationSyntax;
        if (root is null || member is null)
        {
            return;
        }

        var name = member is PropertyDeclarationSyntax property
            ? property.Identifier.ValueText
            : ((FieldDeclarationSyntax)member).Declaration.Variables.First().Identifier.ValueText;
        context.RegisterCodeFix(
            CodeAction.Create(
                $"Mark '{name}' [PersistIgnore]",
                cancellationToken => AddAttributeAsync(context.Document, root, member, cancellationToken),
                equivalenceKey: nameof(PersistIgnoreCodeFixProvider)),
            context.Diagnostics);
    }

    private static Task<Document> AddAttributeAsync(Document document, SyntaxNode root, MemberDeclarationSyntax member, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();

        // Written fully qualified and left to the simplifier, which shortens it where 'using Gc3.Persistence;' is in scope.
        var name = SyntaxFactory.ParseName("global::Gc3.Persistence.PersistIgnore").WithAdditionalAnnotations(Simplifier.Annotation);
        var attributeList = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(name)));

        // The new list takes over the member's leading trivia (indentation, comments), and repeats the indentation after it.
        var leading = member.GetLeadingTrivia();
        var indentation = leading.LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia));
        var newline = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        attributeList = attributeList
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(newline == default ? SyntaxFactory.ElasticCarriageReturnLineFeed : newline);
        var newMember = member.WithoutLeadingTrivia().WithLeadingTrivia(indentation == default ? SyntaxFactory.TriviaList() : SyntaxFactory.TriviaList(indentation));
        newMember = newMember switch
        {
            PropertyDeclarationSyntax p => p.WithAttributeLists(p.AttributeLists.Insert(0, attributeList)),
            FieldDeclarationSyntax f => f.WithAttributeLists(f.AttributeLists.Insert(0, attributeList)),
            _ => newMember,
        };
        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(member, newMember)));
    }
}
