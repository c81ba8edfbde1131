namespace Orchestrator.Host.Startup;

/// <summary>A start that cannot go on for a reason the user can fix; the message says what and where, and the process exits with <see cref="ExitCode"/>.</summary>
public sealed class StartupException(string message, int exitCode = 1, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The process's exit code.</summary>
    public int ExitCode { get; } = exitCode;
}
