namespace Gc3.Persistence.Generators.Tests.Diagnostics;

public class CapturedParameterAnalyzerTests : AnalyzerTests<CapturedParameterAnalyzer>
{
    [Fact]
    public Task GC3P028_fires_where_a_member_uses_a_primary_constructor_parameter()
        => VerifyAsync(/* lang=c# */ """
            using System;
            using Gc3.Persistence;

            [Persistable("account")]
            public partial class Account(string owner, int limit)
            {
                public string Greeting() => "hello " + {|#0:owner|};

                public int Limit => {|#1:limit|};

                public string Local()
                {
                    string Name() => {|#2:owner|};
                    return Name();
                }
            }
            """,
            new DiagnosticResult(DiagnosticDescriptors.CapturedParameter).WithLocation(0).WithArguments("Account", "owner"),
            new DiagnosticResult(DiagnosticDescriptors.CapturedParameter).WithLocation(1).WithArguments("Account", "limit"),
            new DiagnosticResult(DiagnosticDescriptors.CapturedParameter).WithLocation(2).WithArguments("Account", "owner"));

    [Fact]
    public Task GC3P028_stays_silent_for_parameters_read_only_at_construction_and_for_other_types()
        => VerifyAsync(/* lang=c# */ """
            using System;
            using Gc3.Persistence;

            public class Named(string name)
            {
                public string Name { get; } = name;
            }

            [Persistable("account")]
            public partial class Account(string owner, int limit, string name) : Named(name)
            {
                public string Owner { get; } = owner;

                private readonly int _limit = limit * 2;

                public int Limit => _limit;

                public string OwnerParameter() => nameof(owner);
            }

            [Persistable("entry")]
            public partial record Entry(string Name, int Size)
            {
                public string Describe() => Name + Size;
            }

            public class Plain(string text)
            {
                public string Text() => text;
            }
            """);
}
