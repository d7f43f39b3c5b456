namespace Gc3.Persistence.Schemas;

/// <summary>The error of values nesting deeper than <see cref="StoreOptions.MaxNestingDepth"/> allows, told apart from other decoding errors.</summary>
internal static class NestingDepth
{
    private const string LimitKey = "Gc3.MaxNestingDepth";

    /// <summary>The error: an <see cref="InvalidDataException"/> (as every decoding rule's) that names the limit.</summary>
    public static InvalidDataException Exceeded(int limit)
    {
        var e = new InvalidDataException($"values nest more than {limit} deep (StoreOptions.MaxNestingDepth)");
        e.Data[LimitKey] = limit;
        return e;
    }

    /// <summary>Whether <paramref name="e"/> is the error of <see cref="Exceeded"/>.</summary>
    public static bool IsExceeded(Exception e) => e.Data.Contains(LimitKey);
}
