using System.Text.RegularExpressions;

namespace Gc3.Persistence.Generators.Tests.Registration;

/// <summary>Each assembly's registration class has a name of its own, whatever the assembly names are.</summary>
public partial class RegistrationNameTests
{
    [Fact]
    public void Assembly_names_that_differ_only_in_punctuation_get_registrations_of_their_own()
    {
        // "My.App" and "My_App" make the same identifier; the app must still call the library's registration, not its own.
        var library = TestLibraries.ExecutableLibrary("My_App");
        var compilation = GeneratorHarness.CreateCompilation(/* lang=c# */ """
            namespace App;

            [Gc3.Persistence.Persistable]
            public partial class Holder
            {
                public partial Lib.Executable? Executable { get; set; }
            }
            """, "My.App", library);

        var (driver, _) = GeneratorHarness.RunClean(compilation); // a clash is CS0436: the app's class hides the library's

        var registration = GeneratorHarness.GeneratedFile(driver, "Gc3.Persistence.Registration.g.cs");
        var own = OwnClass().Match(registration).Groups[1].Value;
        var called = CalledRegistration().Match(registration).Groups[1].Value;
        Assert.StartsWith("PersistenceRegistration_My_App", own, StringComparison.Ordinal);
        Assert.StartsWith("PersistenceRegistration_My_App", called, StringComparison.Ordinal);
        Assert.NotEqual(own, called);
    }

    [GeneratedRegex(@"public static class (\w+)")]
    private static partial Regex OwnClass();

    [GeneratedRegex(@"global::Gc3\.Persistence\.Generated\.(\w+)\.EnsureRegistered\(\);")]
    private static partial Regex CalledRegistration();
}
