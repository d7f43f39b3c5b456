using System.Collections.Generic;
using Gc3.Persistence.Generators.Diagnostics.Analyzers;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Gc3.Persistence.CodeFixes;

/// <summary>
/// GC3P014: turns the auto-properties of a type that GC3P014 names into <c>partial</c> properties, whose
/// generated setters track changes. An initializer cannot stay on a partial property, so it moves
/// into every constructor that does not call another one (into a new parameterless constructor when
/// the type declares none); the fix title says so.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PartialPropertyCodeFixProvider))]
[Shared]
public sealed class PartialPropertyCodeFixProvider : CodeFixProvider
{
    // Partial properties arrived in C# 13.
    private const LanguageVersion PartialPropertiesVersion = (LanguageVersion)1300;

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.NotFullyTrackedId);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null
            || root.SyntaxTree.Options is not CSharpParseOptions { LanguageVersion: >= PartialPropertiesVersion }
            || root.FindToken(context.Span.Start).Parent is not TypeDeclarationSyntax declaration)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ChangeTrackingAnalyzer.ConvertiblePropertiesKey, out var names) || string.IsNullOrEmpty(names))
            {
                continue;
            }

            var properties = FindConvertible(declaration, names!.Split(','));
            if (declaration.ParameterList is not null
                || await HasConstructorsElsewhereAsync(context.Document, declaration, context.CancellationToken).ConfigureAwait(false))
            {
                // Initializers could only move into a primary constructor or into constructors this fix cannot see:
                // leave those properties alone.
                properties.RemoveAll(p => p.Initializer is not null);
            }

            if (properties.Count == 0)
            {
                continue;
            }

            var movesInitializers = properties.Any(p => p.Initializer is not null);
            var title = $"Make the auto-properties of '{declaration.Identifier.ValueText}' partial, so that their changes are tracked"
                + (movesInitializers ? " (their initializers move into the constructor)" : "");
            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => ConvertAsync(context.Document, root, declaration, properties, cancellationToken), equivalenceKey: nameof(PartialPropertyCodeFixProvider)),
                diagnostic);
        }
    }

    private static async Task<bool> HasConstructorsElsewhereAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        return model?.GetDeclaredSymbol(declaration, cancellationToken) is INamedTypeSymbol type
            && type.InstanceConstructors.Any(c => !c.IsImplicitlyDeclared
                && c.DeclaringSyntaxReferences.Any(r => !declaration.Span.Contains(r.Span) || r.SyntaxTree != declaration.SyntaxTree));
    }

    /// <summary>Auto-properties named by the analyzer, declared in this declaration, that a partial property can replace.</summary>
    private static List<PropertyDeclarationSyntax> FindConvertible(TypeDeclarationSyntax declaration, string[] names)
        => declaration.Members.OfType<PropertyDeclarationSyntax>()
            .Where(p => names.Contains(p.Identifier.ValueText)
                && p.ExpressionBody is null
                && p.AccessorList is { } accessors
                && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null)
                && accessors.Accessors.Any(a => a.IsKind(SyntaxKind.SetAccessorDeclaration) || a.IsKind(SyntaxKind.InitAccessorDeclaration))
                && !p.Modifiers.Any(m => m.IsKind(SyntaxKind.AbstractKeyword) || m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.PartialKeyword)))
            .ToList();

    private static Task<Document> ConvertAsync(
        Document document, SyntaxNode root, TypeDeclarationSyntax declaration, List<PropertyDeclarationSyntax> properties, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var initialized = properties.Where(p => p.Initializer is not null).ToList();
        var constructors = declaration.Members.OfType<ConstructorDeclarationSyntax>()
            .Where(c => !c.Modifiers.Any(SyntaxKind.StaticKeyword))
            .ToList();

        var newDeclaration = declaration.ReplaceNodes(
            properties.Cast<SyntaxNode>().Concat(constructors.Where(c => c.Initializer is not { RawKind: (int)SyntaxKind.ThisConstructorInitializer })),
            (original, rewritten) => rewritten switch
            {
                PropertyDeclarationSyntax property => MakePartial(property),
                ConstructorDeclarationSyntax constructor => PrependAssignments(constructor, initialized),
                _ => rewritten,
            });

        if (initialized.Count > 0 && constructors.Count == 0)
        {
            // The implicit constructor becomes explicit, with the same accessibility the compiler gave it.
            var accessibility = declaration.Modifiers.Any(SyntaxKind.AbstractKeyword) ? SyntaxKind.ProtectedKeyword : SyntaxKind.PublicKeyword;
            var constructor = ConstructorDeclaration(declaration.Identifier.WithoutTrivia())
                .WithModifiers(TokenList(Token(accessibility)))
                .WithBody(Block(initialized.Select(Assignment)))
                .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
            var firstProperty = newDeclaration.Members.OfType<PropertyDeclarationSyntax>().First(p => p.Identifier.ValueText == initialized[0].Identifier.ValueText);
            newDeclaration = newDeclaration.InsertNodesBefore(firstProperty, new[] { constructor });
        }

        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(declaration, newDeclaration)));
    }

    private static PropertyDeclarationSyntax MakePartial(PropertyDeclarationSyntax property)
    {
        // 'partial' goes last among the modifiers, right before the type, as C# requires.
        var partial = Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(Space);
        var result = property.WithModifiers(property.Modifiers.Add(partial));
        if (property.Initializer is not null)
        {
            result = result
                .WithInitializer(null)
                .WithSemicolonToken(default)
                .WithAccessorList(result.AccessorList!.WithTrailingTrivia(property.SemicolonToken.TrailingTrivia));
        }

        return result;
    }

    private static ConstructorDeclarationSyntax PrependAssignments(ConstructorDeclarationSyntax constructor, List<PropertyDeclarationSyntax> initialized)
    {
        if (initialized.Count == 0)
        {
            return constructor;
        }

        var assignments = initialized.Select(Assignment).ToList();
        if (constructor.Body is { } body)
        {
            return constructor.WithBody(body.WithStatements(body.Statements.InsertRange(0, assignments)))
                .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
        }

        var statements = new List<StatementSyntax>(assignments);
        if (constructor.ExpressionBody is { } arrow)
        {
            statements.Add(ExpressionStatement(arrow.Expression));
        }

        return constructor.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Block(statements))
            .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
    }

    private static StatementSyntax Assignment(PropertyDeclarationSyntax property)
        => ExpressionStatement(AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression,
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, ThisExpression(), IdentifierName(property.Identifier.ValueText)),
            property.Initializer!.Value.WithoutTrivia()));
}
