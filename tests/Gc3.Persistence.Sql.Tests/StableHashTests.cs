namespace Gc3.Persistence.Sql.Tests;

/// <summary>
/// The hash in long index names and PostgreSQL advisory-lock keys is FNV-1a 64 of UTF-16 code units, pinned here:
/// existing databases hold its values and processes of different versions must agree on a table's lock.
/// </summary>
public sealed class StableHashTests
{
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("gc3.persistence/jobs", 0xec1afb5bd434706eUL)] // the lock key of the table 'jobs'
    [InlineData("Ä", 0xaf64794c8602f753UL)] // one code unit, 0xC4 (not its two UTF-8 bytes)
    public void Is_FNV_1a_64_of_the_UTF_16_code_units(string text, ulong expected)
        => Assert.Equal(expected, StableHash.Of(text));
}
