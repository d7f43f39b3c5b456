namespace Gc3.Persistence.Tool.Output;

/// <summary>A count with its noun, as the commands' summaries print it: "1 record", "6 records", "1,200 records".</summary>
internal static class Counted
{
    /// <summary><paramref name="count"/> (with thousands separators) and <paramref name="noun"/>, plural unless the count is one.</summary>
    public static string Of(long count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count:N0} {noun}{(count == 1 ? "" : "s")}");
}
