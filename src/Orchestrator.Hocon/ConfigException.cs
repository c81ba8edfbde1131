namespace Orchestrator.Hocon;

/// <summary>Any failure to read, resolve or convert configuration, positioned at the text that caused it.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates an exception whose message is prefixed with the origin as <c>source:line:column: reason</c>.</summary>
    public ConfigException(ConfigOrigin origin, string reason, Exception? innerException = null)
        : base($"{origin}: {reason}", innerException)
    {
        Origin = origin;
        Reason = reason;
    }

    /// <summary>The full position of the offending text.</summary>
    public ConfigOrigin Origin { get; }

    /// <summary>The message without the position prefix.</summary>
    public string Reason { get; }

    /// <summary>The file, resource or pseudo-source (such as <c>&lt;string&gt;</c>) the error is in.</summary>
    public string SourceName => Origin.SourceName;

    /// <summary>1-based line of the offending text.</summary>
    public int Line => Origin.Line;

    /// <summary>1-based column of the offending text.</summary>
    public int Column => Origin.Column;
}
