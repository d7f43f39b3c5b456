namespace Gc3.Persistence.Generators.Tests.Diagnostics;

/// <summary>
/// GC3P027: a partial property the generator leaves out gets no implementation; the compiler's CS9248 says only
/// that, GC3P027 says why and what to write instead.
/// </summary>
public class UnimplementedPartialTests : AnalyzerTests<PersistableTypeAnalyzer>
{
    [Fact]
    public Task GC3P027_fires_on_an_ignored_a_static_and_a_get_only_partial_property_with_the_reason()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            [Persistable]
            public partial class Job
            {
                public partial string Name { get; set; }

                [PersistIgnore]
                public partial string {|#0:Scratch|} { get; set; }

                public static partial int {|#1:Count|} { get; set; }

                public partial string {|#2:Label|} { get; }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.UnimplementedPartial).WithLocation(0)
                .WithArguments("App.Job", "Scratch", "the member is marked [PersistIgnore]"),
            DiagnosticResult.CompilerError("CS9248").WithLocation(0).WithArguments("App.Job.Scratch"),
            new DiagnosticResult(DiagnosticDescriptors.UnimplementedPartial).WithLocation(1)
                .WithArguments("App.Job", "Count", "the member is static, so it is not persisted"),
            DiagnosticResult.CompilerError("CS9248").WithLocation(1).WithArguments("App.Job.Count"),
            new DiagnosticResult(DiagnosticDescriptors.UnimplementedPartial).WithLocation(2)
                .WithArguments("App.Job", "Label", "it has no set or init accessor, and only a partial property with one is persisted and implemented"),
            DiagnosticResult.CompilerError("CS9248").WithLocation(2).WithArguments("App.Job.Label"));

    [Fact]
    public Task GC3P027_is_silent_for_persisted_partial_properties_and_ones_the_user_implements()
        => VerifyAsync(/* lang=c# */ """
            using Gc3.Persistence;

            namespace App;

            [Persistable]
            public partial class Job
            {
                public partial string Name { get; set; }

                public partial string Note { get; init; }

                [PersistIgnore]
                public partial string Scratch { get; set; }

                public partial string Scratch { get => field ?? ""; set => field = value; }
            }
            """);
}
