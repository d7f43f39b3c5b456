using System;
using Gc3.Persistence.Generators.Diagnostics.Analyzers;
using Gc3.Persistence.Generators.Schemas;
using Microsoft.CodeAnalysis.Text;

namespace Gc3.Persistence.CodeFixes;

/// <summary>GC3P023: puts the type's current schema document into <c>persistence.lock.json</c> (added or replacing its line).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SchemaLockCodeFixProvider))]
[Shared]
public sealed class SchemaLockCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.NotInLockId);

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null; // one lock file: each fix rewrites it whole

    /// <inheritdoc/>
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var project = context.Document.Project;
        var lockDocument = project.AdditionalDocuments.FirstOrDefault(d => SchemaLock.IsLockFile(d.FilePath ?? d.Name));
        foreach (var diagnostic in context.Diagnostics)
        {
            if (lockDocument is null
                || !diagnostic.Properties.TryGetValue(SchemaLockAnalyzer.TagProperty, out var tag) || tag is null
                || !diagnostic.Properties.TryGetValue(SchemaLockAnalyzer.DocumentProperty, out var document) || document is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Add '{tag}' to {SchemaLock.FileName}",
                    cancellationToken => AddToLockAsync(project.Solution, lockDocument.Id, tag, document, cancellationToken),
                    equivalenceKey: nameof(SchemaLockCodeFixProvider) + ":" + tag),
                diagnostic);
        }

        return Task.CompletedTask;
    }

    private static async Task<Solution> AddToLockAsync(Solution solution, DocumentId lockId, string tag, string document, CancellationToken cancellationToken)
    {
        var lockDocument = solution.GetAdditionalDocument(lockId)!;
        var text = await lockDocument.GetTextAsync(cancellationToken).ConfigureAwait(false);
        string updated;
        try
        {
            updated = SchemaLock.With(text.ToString(), tag, document);
        }
        catch (FormatException)
        {
            return solution; // GC3P024 says what is wrong with it; nothing to add to
        }

        return solution.WithAdditionalDocumentText(lockId, SourceText.From(updated, text.Encoding));
    }
}
