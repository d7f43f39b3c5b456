namespace JobManager.Cli;

/// <summary>The command line is wrong (unknown command or option, malformed value or ID, bad store URI): exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
