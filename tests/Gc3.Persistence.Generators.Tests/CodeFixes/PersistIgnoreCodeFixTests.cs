using Gc3.Persistence.CodeFixes;

namespace Gc3.Persistence.Generators.Tests.CodeFixes;

public class PersistIgnoreCodeFixTests : CodeFixTests<MemberTypeAnalyzer, PersistIgnoreCodeFixProvider>
{
    [Fact]
    public Task Marks_a_member_that_cannot_be_serialized_PersistIgnore()
        => VerifyAsync(/* lang=c# */ """
            using System;
            using Gc3.Persistence;

            [Persistable]
            public partial class Job
            {
                public string Name { get; set; } = "";

                /// <summary>Called when the job ends.</summary>
                public Action? {|GC3P002:Callback|} { get; set; }

                [Obsolete]
                public object? {|GC3P002:Payload|};
            }
            """, /* lang=c# */ """
            using System;
            using Gc3.Persistence;

            [Persistable]
            public partial class Job
            {
                public string Name { get; set; } = "";

                /// <summary>Called when the job ends.</summary>
                [PersistIgnore]
                public Action? Callback { get; set; }

                [PersistIgnore]
                [Obsolete]
                public object? Payload;
            }
            """);

    [Fact]
    public Task Writes_the_attribute_fully_qualified_where_the_namespace_is_not_imported()
        => VerifyAsync(/* lang=c# */ """
            using System.Collections.Generic;

            [Gc3.Persistence.Persistable]
            public partial class Batch
            {
                public List<System.Action> {|GC3P002:Names|} { get; } = new();
            }
            """, /* lang=c# */ """
            using System.Collections.Generic;

            [Gc3.Persistence.Persistable]
            public partial class Batch
            {
                [Gc3.Persistence.PersistIgnore]
                public List<System.Action> Names { get; } = new();
            }
            """);
}
