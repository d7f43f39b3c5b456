using Microsoft.CodeAnalysis.Simplification;

namespace Gc3.Persistence.CodeFixes;

/// <summary>GC3P002 and GC3P017: marks the member <c>[PersistIgnore]</c>, saying that it is meant not to be persisted.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PersistIgnoreCodeFixProvider))]
[Shared]
public sealed class PersistIgnoreCodeFixProvider() : NodeCodeFixProvider<MemberDeclarationSyntax>(
    DiagnosticDescriptors.MemberNotSerializableId,
    DiagnosticDescriptors.ReadOnlyMemberNotPersistedId)
{
    /// <inheritdoc/>
    private protected override MemberDeclarationSyntax? Find(SyntaxNode start)
        => start.AncestorsAndSelf().FirstOrDefault(n => n is PropertyDeclarationSyntax or FieldDeclarationSyntax) as MemberDeclarationSyntax;

    /// <inheritdoc/>
    private protected override string Title(MemberDeclarationSyntax member)
    {
        var name = member is PropertyDeclarationSyntax property
            ? property.Identifier.ValueText
            : ((FieldDeclarationSyntax)member).Declaration.Variables.First().Identifier.ValueText;
        return $"Mark '{name}' [PersistIgnore]";
    }

    /// <inheritdoc/>
    private protected override SyntaxNode Fix(SyntaxNode root, MemberDeclarationSyntax member)
    {
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
        return root.ReplaceNode(member, newMember);
    }
}
