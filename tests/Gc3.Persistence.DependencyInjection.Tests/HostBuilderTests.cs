namespace Gc3.Persistence.DependencyInjection.Tests;

/// <summary>
/// Tests that configure stores through a Generic Host, as an application does: the host is rooted in the
/// test's folder, so it reads the appsettings.json the test writes there, and has no command line.
/// </summary>
public abstract class HostBuilderTests : TemporaryDirectoryTests
{
    /// <summary>A host builder rooted in the test's folder, with <paramref name="settings"/> added in memory.</summary>
    protected HostApplicationBuilder NewHostBuilder(Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Folder.Path, Args = [] });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        return builder;
    }

    /// <summary>Writes the appsettings.json the next host built by <see cref="NewHostBuilder"/> reads.</summary>
    protected Task WriteAppsettingsAsync(string json) => File.WriteAllTextAsync(Folder.Combine("appsettings.json"), json);
}
