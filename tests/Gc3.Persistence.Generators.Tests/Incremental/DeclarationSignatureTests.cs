using Gc3.Persistence.Generators.Helpers;

namespace Gc3.Persistence.Generators.Tests.Incremental;

/// <summary>
/// The two hashes that decide whether a kept spec is still current: comments, whitespace and bodies change
/// neither; a declaration changes <see cref="DeclarationSignature.Declarations"/>; a declared name, a global
/// using or an assembly attribute changes <see cref="DeclarationSignature.Names"/>.
/// </summary>
public class DeclarationSignatureTests
{
    private const string Source = /* lang=c# */ """
        using System.Collections.Generic;

        namespace App;

        public partial class Job
        {
            public partial string Name { get; set; }

            public List<string> Tags { get; set; } = [];

            public int Cost() => 1 + 1;

            public int Twice(int x)
            {
                return x * 2;
            }

            public partial class Step
            {
            }
        }
        """;

    [Theory]
    [InlineData("1 + 1", "2 + 40")]
    [InlineData("return x * 2;", "var y = x;\n        return y + y;")]
    [InlineData("public partial class Job", "// a comment\npublic partial class Job")]
    [InlineData("public List<string> Tags", "/// <summary>Tags.</summary>\n    public   List<string>   Tags")]
    public void Comments_whitespace_and_bodies_change_nothing(string from, string to)
        => Assert.Equal((false, false), Changes(from, to));

    [Theory]
    [InlineData("public int Cost()", "public int Cores { get; set; }\n\n    public int Cost()")]
    [InlineData("List<string> Tags", "List<int> Tags")]
    [InlineData("public partial class Job", "[System.Obsolete]\npublic partial class Job")]
    [InlineData("public partial string Name { get; set; }", "public partial string Name { get => \"\"; set { } }")]
    [InlineData("using System.Collections.Generic;", "using System.Collections.Generic;\nusing System;")]
    [InlineData("namespace App;", "#nullable disable\nnamespace App;")]
    [InlineData("public int Twice(int x)", "public int Twice(long x)")]
    public void A_declaration_changes_the_declarations_only(string from, string to)
        => Assert.Equal((false, true), Changes(from, to));

    [Theory]
    [InlineData("public partial class Job", "public class Other { }\n\npublic partial class Job")]
    [InlineData("public partial class Step", "public partial class Stage")]
    [InlineData("public partial class Job", "public partial class Job<T>")]
    [InlineData("namespace App;", "namespace App.Jobs;")]
    [InlineData("using System.Collections.Generic;", "global using System.Collections.Generic;")]
    [InlineData("namespace App;", "[assembly: System.CLSCompliant(false)]\nnamespace App;")]
    public void A_declared_name_a_global_using_or_an_assembly_attribute_changes_the_names(string from, string to)
        => Assert.True(Changes(from, to).Names);

    [Fact]
    public void A_tree_keeps_its_signature()
    {
        var tree = CSharpSyntaxTree.ParseText(Source);

        Assert.Same(DeclarationSignature.Of(tree, default), DeclarationSignature.Of(tree, default));
    }

    /// <summary>Which of the two hashes the edit of <see cref="Source"/> (<paramref name="from"/> replaced by <paramref name="to"/>) changes.</summary>
    private static (bool Names, bool Declarations) Changes(string from, string to)
    {
        Assert.Contains(from, Source, StringComparison.Ordinal);
        var before = DeclarationSignature.Of(CSharpSyntaxTree.ParseText(Source), default);
        var after = DeclarationSignature.Of(CSharpSyntaxTree.ParseText(Source.Replace(from, to, StringComparison.Ordinal)), default);
        return (before.Names != after.Names, before.Declarations != after.Declarations);
    }
}
