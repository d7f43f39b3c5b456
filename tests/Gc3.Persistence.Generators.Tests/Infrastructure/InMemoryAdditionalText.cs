using Microsoft.CodeAnalysis.Text;

namespace Gc3.Persistence.Generators.Tests.Infrastructure;

/// <summary>An additional file (a schema lock) held in memory, as a build passes it to the generator and the analyzers.</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    public override string Path => path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}
