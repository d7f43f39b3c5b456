using System.Diagnostics;
using Gc3.Persistence.Testing;

namespace Gc3.Persistence.CompileBenchmarks;

/// <summary>
/// Writes the project to disk and times <c>dotnet build</c> of it alone (its dependencies built once
/// beforehand, so the figure is the compile of the project with its generators and analyzers).
/// </summary>
internal static class BuildRuns
{
    public static TimeSpan Measure(Flavour flavour, string directory, string repositoryRoot, int count, int repetitions)
    {
        Directory.CreateDirectory(directory);
        foreach (var (path, text) in ModelSource.Files(flavour, count))
        {
            File.WriteAllText(Path.Join(directory, path), text);
        }

        File.WriteAllText(Path.Join(directory, "Bench.Model.csproj"), ProjectFile(flavour, repositoryRoot));

        // Restores, builds the dependencies and starts the compiler server: not measured.
        Dotnet(directory, "build", "-nologo", "-v:q", "-c", "Release");
        var times = new List<TimeSpan>();
        for (var i = 0; i < repetitions; i++)
        {
            var clock = Stopwatch.StartNew();
            Dotnet(directory, "build", "--no-restore", "--no-dependencies", "--no-incremental", "-nologo", "-v:q", "-c", "Release");
            times.Add(clock.Elapsed);
        }

        return GeneratorRuns.Median(times);
    }

    private static string ProjectFile(Flavour flavour, string repositoryRoot)
    {
        var references = flavour == Flavour.Persistable
            ? $"""
                <ProjectReference Include="{Path.Join(repositoryRoot, "src", "Gc3.Persistence", "Gc3.Persistence.csproj")}" />
                <ProjectReference Include="{Path.Join(repositoryRoot, "generators", "Gc3.Persistence.Generators", "Gc3.Persistence.Generators.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
            """
            : $"""
                <PackageReference Include="MemoryPack" Version="{Subjects.MemoryPackVersion}" />
            """;
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <NoWarn>$(NoWarn);CS1591</NoWarn>
              </PropertyGroup>
              <ItemGroup>
            {references}
              </ItemGroup>
            </Project>
            """;
    }

    private static void Dotnet(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A clean MSBuild environment (a test host sets its own variables), and no build nodes left running.
        ChildDotnet.UseCleanEnvironment(start);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed in {directory}:\n{output.Result}\n{error.Result}");
        }
    }
}
