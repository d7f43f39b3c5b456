namespace Gc3.Persistence.Tool;

/// <summary>
/// The limits gc3p opens every store with (<c>--max-nesting-depth</c>, <c>--max-record-bytes</c>, <c>--lock-timeout</c>):
/// a store an application writes with a deeper nesting or larger records than the defaults can be read, checked
/// and copied with the same limits, and a lock a stopped process holds fails a command as soon as the user wants.
/// </summary>
internal sealed record StoreLimits(int MaxNestingDepth, int MaxRecordBytes, TimeSpan LockTimeout)
{
    /// <summary>The longest <c>--lock-timeout</c>, in seconds: a day.</summary>
    public const double MaxLockTimeoutSeconds = 86_400;

    /// <summary>The library's defaults.</summary>
    public static StoreLimits Default { get; } = new(StoreOptions.DefaultMaxNestingDepth, StoreOptions.DefaultMaxRecordBytes, StoreOptions.DefaultLockTimeout);

    /// <summary>The limits the command line asks for (the defaults where it names none); a value out of range is a usage error (exit 2).</summary>
    public static StoreLimits From(int? maxNestingDepth, int? maxRecordBytes, double? lockTimeoutSeconds = null)
    {
        if (lockTimeoutSeconds is { } seconds && !(seconds > 0 && seconds <= MaxLockTimeoutSeconds))
        {
            throw new ToolException($"--lock-timeout must be a number of seconds above 0 and at most {MaxLockTimeoutSeconds:0} (a day), not {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}.", 2);
        }

        if (maxNestingDepth is < 1 or > StoreOptions.MaxNestingDepthLimit)
        {
            throw new ToolException($"--max-nesting-depth must be between 1 and {StoreOptions.MaxNestingDepthLimit}, not {maxNestingDepth}.", 2);
        }

        if (maxRecordBytes is < Records.RecordFormat.MinimumSize or > StoreOptions.MaxRecordBytesLimit)
        {
            throw new ToolException($"--max-record-bytes must be between {Records.RecordFormat.MinimumSize} and {StoreOptions.MaxRecordBytesLimit} (1 GiB), not {maxRecordBytes}.", 2);
        }

        return new StoreLimits(
            maxNestingDepth ?? Default.MaxNestingDepth,
            maxRecordBytes ?? Default.MaxRecordBytes,
            lockTimeoutSeconds is { } wait ? TimeSpan.FromSeconds(wait) : Default.LockTimeout);
    }

    /// <summary>
    /// The options to open a store with: with <paramref name="create"/>, to write into it (created when missing); without,
    /// read-only (<see cref="StoreOptions.ReadOnly"/>: nothing is written, not even at open, and a missing store is an error).
    /// The store's warnings go to <paramref name="log"/>.
    /// </summary>
    public StoreOptions Options(bool create, Microsoft.Extensions.Logging.ILoggerFactory? log = null) => new()
    {
        CreateIfMissing = create,
        ReadOnly = !create,
        MaxNestingDepth = MaxNestingDepth,
        MaxRecordBytes = MaxRecordBytes,
        LockTimeout = LockTimeout,
        LoggerFactory = log,
    };
}
