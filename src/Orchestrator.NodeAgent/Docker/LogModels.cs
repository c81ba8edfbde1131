using System.Text;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>Which stream a frame of container output belongs to; the values are Docker's header bytes.</summary>
public enum LogStreamType
{
    /// <summary>Standard input (echoed on attach).</summary>
    Stdin = 0,

    /// <summary>Standard output.</summary>
    Stdout = 1,

    /// <summary>Standard error.</summary>
    Stderr = 2,

    /// <summary>An error the daemon itself injected into the stream.</summary>
    SystemError = 3,

    /// <summary>Raw output of a container with a TTY, where stdout and stderr cannot be told apart.</summary>
    Tty = 100,
}

/// <summary>One frame of container output.</summary>
/// <param name="Stream">The stream it was written to.</param>
/// <param name="Payload">The bytes as written; a frame may hold several lines or part of one.</param>
public sealed record LogFrame(LogStreamType Stream, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The payload decoded as UTF-8.</summary>
    public string Text => Encoding.UTF8.GetString(Payload.Span);
}

/// <summary>Parameters of <c>GET /containers/{id}/logs</c>.</summary>
public sealed record LogsOptions
{
    /// <summary>Include stdout.</summary>
    public bool Stdout { get; init; } = true;

    /// <summary>Include stderr.</summary>
    public bool Stderr { get; init; } = true;

    /// <summary>Keep streaming new output until the container stops or the caller cancels.</summary>
    public bool Follow { get; init; }

    /// <summary>Only this many lines from the end; null for all.</summary>
    public int? Tail { get; init; }

    /// <summary>Prefix each line with its RFC 3339 timestamp.</summary>
    public bool Timestamps { get; init; }

    /// <summary>Only output written at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only output written before this time.</summary>
    public DateTimeOffset? Until { get; init; }
}

/// <summary>Collected container output, stdout and stderr kept apart.</summary>
/// <param name="Stdout">Stdout, or all output of a TTY container.</param>
/// <param name="Stderr">Stderr.</param>
public sealed record ContainerOutput(string Stdout, string Stderr);
