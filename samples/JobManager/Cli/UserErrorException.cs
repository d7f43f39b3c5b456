namespace JobManager.Cli;

/// <summary>The command line is well formed but cannot be carried out (no such job, program not found): exit code 1.</summary>
internal sealed class UserErrorException(string message, Exception? innerException = null) : Exception(message, innerException);
