namespace Gc3.Persistence.CodeFixes;

/// <summary>
/// A code fix that rewrites the one syntax node its diagnostics point at: one action for the diagnostics at a
/// place, and a fix of a whole document, project or solution at once (<see cref="WellKnownFixAllProviders.BatchFixer"/>).
/// </summary>
/// <typeparam name="TNode">The kind of node the fix rewrites.</typeparam>
public abstract class NodeCodeFixProvider<TNode> : CodeFixProvider
    where TNode : SyntaxNode
{
    /// <summary>A fix for the diagnostics of <paramref name="fixableDiagnosticIds"/>.</summary>
    private protected NodeCodeFixProvider(params string[] fixableDiagnosticIds)
        => FixableDiagnosticIds = ImmutableArray.Create(fixableDiagnosticIds);

    /// <inheritdoc/>
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindToken(context.Span.Start).Parent is not { } start || Find(start) is not { } node)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                Title(node),
                cancellationToken =>
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return Task.FromResult(context.Document.WithSyntaxRoot(Fix(root, node)));
                },
                equivalenceKey: GetType().Name),
            context.Diagnostics);
    }

    /// <summary>The node to rewrite, found from the innermost node at the diagnostic's start, or <see langword="null"/>.</summary>
    private protected abstract TNode? Find(SyntaxNode start);

    /// <summary>The title of the code action for <paramref name="node"/>.</summary>
    private protected abstract string Title(TNode node);

    /// <summary>The document's new root, with <paramref name="node"/> rewritten.</summary>
    private protected abstract SyntaxNode Fix(SyntaxNode root, TNode node);
}
