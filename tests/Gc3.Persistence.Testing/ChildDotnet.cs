namespace Gc3.Persistence.Testing;

/// <summary>The environment of a child <c>dotnet</c> process that tests and benchmarks start.</summary>
public static class ChildDotnet
{
    /// <summary>
    /// Removes the MSBuild variables a test host sets, so a child <c>dotnet build</c> sees a clean
    /// environment, and keeps MSBuild nodes and servers from being left running.
    /// </summary>
    public static void UseCleanEnvironment(ProcessStartInfo start)
    {
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
    }
}
