namespace Gc3.Persistence.Packaging.Tests;

/// <summary>
/// Publishes the sample with Native AOT once (it takes minutes) from a clean copy of the repository,
/// for every test of the <see cref="NativeJobManagerCollection"/>.
/// </summary>
public sealed class NativeJobManagerFixture() : NativePublishFixture("aot", "samples/JobManager", "jobmanager");
