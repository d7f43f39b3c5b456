namespace Gc3.Persistence.TestModel;

/// <summary>What <see cref="EvolvedJob.Kind"/> holds now; version 1 stored the names as strings.</summary>
public enum EvolvedKind
{
    Batch,
    Interactive,
}
