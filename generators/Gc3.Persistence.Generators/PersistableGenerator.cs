using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gc3.Persistence.Generators;

/// <summary>
/// Writes, for every <c>[Persistable]</c> class, its serializer and change tracking, and one
/// registration per assembly. The pipeline carries only value-equal specs (see <see cref="Model"/>),
/// so an edit that touches no persistable type reruns nothing past the parse, and the parse itself is
/// kept for every type whose declarations, and those of the types it reads, did not change (<see cref="ParseCache"/>).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class PersistableGenerator : IIncrementalGenerator
{
    /// <summary>The MSBuild property (made visible to the compiler by the package's props) that asks for the schema lock's text.</summary>
    internal const string UpdateLockProperty = "build_property.UpdatePersistenceLock";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var types = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypeNames.PersistableAttribute,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (syntaxContext, cancellationToken) => ParseCache.GetOrParse(syntaxContext, cancellationToken, Parser.ParseType))
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.PersistableTypes);

        context.RegisterSourceOutput(types, static (output, spec) =>
            output.AddSource(spec.HintName, Emitter.WriteType(spec)));

        var registeredTypes = types
            .Select(static (spec, _) => new RegisteredTypeSpec(spec.FullyQualifiedName, spec.IsAbstract, spec.Formatters))
            .WithTrackingName(TrackingNames.RegisteredTypes)
            .Collect();

        // The compilation changes on every edit; this Select reduces it to a small equal-by-value spec.
        var referenced = context.CompilationProvider
            .Select(static (compilation, cancellationToken) => Parser.ParseReferencedRegistrations(compilation, cancellationToken))
            .WithTrackingName(TrackingNames.ReferencedRegistrations);

        // The schema lock's text (issue 15 §4), only when the build asks for it (-p:UpdatePersistenceLock=true):
        // the package's targets copy it from this generated file to persistence.lock.json after the compile.
        // It never reads the lock itself, so editing the lock reruns nothing here.
        var updateLock = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue(UpdateLockProperty, out var value)
                && string.Equals(value, "true", System.StringComparison.OrdinalIgnoreCase));
        var lockedSchemas = types
            .Where(static spec => spec.Schema is not null)
            .Select(static (spec, _) => new LockedSchemaSpec(spec.Tag, SchemaDocumentText.Write(spec.Tag, spec.IdPrefix, spec.Schema!)))
            .Collect()
            .Combine(updateLock)
            .WithTrackingName(TrackingNames.SchemaLock);
        context.RegisterSourceOutput(lockedSchemas, static (output, pair) =>
        {
            if (pair.Right)
            {
                output.AddSource(Emitter.LockHintName, Emitter.WriteLock(pair.Left));
            }
        });

        var registration = registeredTypes.Combine(referenced).WithTrackingName(TrackingNames.Registration);
        context.RegisterSourceOutput(registration, static (output, pair) =>
        {
            if (Emitter.WriteRegistration(pair.Left, pair.Right) is { } source)
            {
                output.AddSource(Emitter.RegistrationHintName, source);
            }
        });
    }
}
