namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>What one generator costs and writes on the project: medians over the repetitions.</summary>
internal sealed record GeneratorFigures(
    TimeSpan FirstRun,
    TimeSpan CommentEdit,
    TimeSpan MemberEdit,
    long GeneratedBytes,
    long GeneratedLines,
    int GeneratedFiles,
    int CompileErrors,
    Compilation Output,
    IReadOnlyList<(string Step, TimeSpan Comment, TimeSpan Member)> Steps,
    TimeSpan CommentEditCpu,
    TimeSpan MemberEditCpu);
