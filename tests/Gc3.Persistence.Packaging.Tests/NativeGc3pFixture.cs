namespace Gc3.Persistence.Packaging.Tests;

/// <summary>Publishes the gc3p tool with Native AOT once (it takes minutes) from a clean copy of the repository.</summary>
public sealed class NativeGc3pFixture() : NativePublishFixture("gc3p-aot", "src/Gc3.Persistence.Tool", "gc3p");
