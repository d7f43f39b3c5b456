using Gc3.Persistence.Sql.Tests.Infrastructure;

namespace Gc3.Persistence.Packaging.Tests;

/// <summary>The native binary on a real PostgreSQL server (a throwaway cluster, or the one GC3_TEST_POSTGRES names).</summary>
[Trait("Category", "Slow")]
[Collection(NativeJobManagerCollection.Name)]
public sealed class NativeAotPostgresTests(NativeJobManagerFixture native, PostgresServer server) : IClassFixture<PostgresServer>
{
    [Theory]
    [MemberData(nameof(JobManagerScenario.All), MemberType = typeof(JobManagerScenario))]
    public void Native_binary_passes_the_scenario_on_postgresql(string scenario)
    {
        native.Publish.EnsureSuccess();
        var folder = native.NewFolder("postgres");
        JobManagerScenario.ByName[scenario](JobManagerCli.Native(native.Binary, StoreKind.NewPostgresStore(server.Uri), folder));
    }

    [Fact]
    public void Unreachable_server_is_a_clear_error()
    {
        native.Publish.EnsureSuccess();
        var folder = native.NewFolder("postgres-down");
        var result = JobManagerCli.Native(native.Binary, "postgresql://nobody@127.0.0.1:1/none", folder).Run("list");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot open the store 'postgresql://nobody@127.0.0.1:1/none'", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }
}
