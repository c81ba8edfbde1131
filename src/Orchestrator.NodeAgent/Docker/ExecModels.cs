using System.Text.Json.Serialization;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>The body of <c>POST /containers/{id}/exec</c>.</summary>
public sealed record ExecCreateRequest
{
    /// <summary>Command and arguments.</summary>
    public IReadOnlyList<string> Cmd { get; init; } = [];

    /// <summary>Extra environment as <c>NAME=value</c>.</summary>
    public IReadOnlyList<string>? Env { get; init; }

    /// <summary>Working directory.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>User to run as.</summary>
    public string? User { get; init; }

    /// <summary>Allocate a TTY; the output is then one raw stream.</summary>
    public bool Tty { get; init; }

    /// <summary>Attach stdin.</summary>
    public bool AttachStdin { get; init; }

    /// <summary>Attach stdout; on by default so output can be collected.</summary>
    public bool AttachStdout { get; init; } = true;

    /// <summary>Attach stderr; on by default so output can be collected.</summary>
    public bool AttachStderr { get; init; } = true;
}

/// <summary>The response of exec create.</summary>
public sealed record ExecCreateResponse
{
    /// <summary>The exec instance's id.</summary>
    public string Id { get; init; } = string.Empty;
}

/// <summary>The body of <c>POST /exec/{id}/start</c>.</summary>
public sealed record ExecStartRequest
{
    /// <summary>Return at once instead of streaming the output.</summary>
    public bool Detach { get; init; }

    /// <summary>Must match the exec's TTY setting.</summary>
    public bool Tty { get; init; }
}

/// <summary>The response of <c>GET /exec/{id}/json</c>.</summary>
public sealed record ExecInspectResponse
{
    /// <summary>The exec instance's id.</summary>
    [JsonPropertyName("ID")]
    public string Id { get; init; } = string.Empty;

    /// <summary>The container it runs in.</summary>
    [JsonPropertyName("ContainerID")]
    public string? ContainerId { get; init; }

    /// <summary>Whether the process still runs.</summary>
    public bool Running { get; init; }

    /// <summary>Exit code, null until the process exited.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Host PID of the process.</summary>
    public int Pid { get; init; }

    /// <summary>What was run.</summary>
    public ExecProcessConfig? ProcessConfig { get; init; }
}

/// <summary>The process an exec instance runs.</summary>
public sealed record ExecProcessConfig
{
    /// <summary>Executable.</summary>
    [JsonPropertyName("entrypoint")]
    public string? Entrypoint { get; init; }

    /// <summary>Arguments.</summary>
    [JsonPropertyName("arguments")]
    public IReadOnlyList<string>? Arguments { get; init; }

    /// <summary>Whether it has a TTY.</summary>
    [JsonPropertyName("tty")]
    public bool Tty { get; init; }

    /// <summary>User it runs as.</summary>
    [JsonPropertyName("user")]
    public string? User { get; init; }
}

/// <summary>A finished exec: its exit code and its separated output.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Stdout">Everything written to stdout (or the TTY).</param>
/// <param name="Stderr">Everything written to stderr.</param>
public sealed record ExecResult(int ExitCode, string Stdout, string Stderr);
