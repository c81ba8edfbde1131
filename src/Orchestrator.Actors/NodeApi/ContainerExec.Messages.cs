namespace Orchestrator.Actors.NodeApi;

/// <summary>
/// Asks a node agent to run a command in the current instance of a running container (what <c>kubectl exec</c>
/// does). The requester gets <see cref="ExecStarted"/> once the process runs (its sender is the session, which takes
/// <see cref="ExecInput"/>, <see cref="ExecInputEnd"/>, <see cref="ExecResize"/> and <see cref="CancelExec"/>), then <see cref="ExecOutput"/>
/// chunks as the process writes them, then <see cref="ExecCompleted"/>; or an <see cref="ExecFailed"/> when it could
/// not run. The session ends when the requester stops.
/// </summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Pod">The pod's name.</param>
/// <param name="Container">The container's name (an app container of the pod).</param>
/// <param name="Command">The executable and its arguments.</param>
/// <param name="Stdin">Attach the process's stdin (<c>-i</c>); without it the process reads end-of-file.</param>
/// <param name="Tty">Give the process a terminal (<c>-t</c>); its output is then one raw stream.</param>
public sealed record ExecInContainer(string Namespace, string Pod, string Container, IReadOnlyList<string> Command, bool Stdin = false, bool Tty = false);

/// <summary>The process runs; its sender is the session to send input to.</summary>
public sealed record ExecStarted
{
    /// <summary>The only instance.</summary>
    public static ExecStarted Instance { get; } = new();
}

/// <summary>A piece of the process's output, as written.</summary>
/// <param name="Stream"><c>stdout</c> or <c>stderr</c> (a TTY's output is all <c>stdout</c>).</param>
/// <param name="Data">The bytes; a chunk may split a line or a multi-byte character.</param>
public sealed record ExecOutput(string Stream, byte[] Data);

/// <summary>Bytes for the process's stdin, sent in order to the session (or to the relay, which passes them on).</summary>
/// <param name="Data">The bytes.</param>
public sealed record ExecInput(byte[] Data);

/// <summary>The process's stdin has ended (what the client read was all): the process reads end-of-file.</summary>
public sealed record ExecInputEnd
{
    /// <summary>The only instance.</summary>
    public static ExecInputEnd Instance { get; } = new();
}

/// <summary>The size of the client's terminal (<c>-t</c>), sent after <see cref="ExecStarted"/> and whenever the window changes.</summary>
/// <param name="Rows">Lines.</param>
/// <param name="Columns">Characters per line.</param>
public sealed record ExecResize(int Rows, int Columns);

/// <summary>The command ended with <paramref name="ExitCode"/>; all its output was sent before.</summary>
/// <param name="ExitCode">The command's exit code (126: not executable, 127: not found, as Docker reports them).</param>
public sealed record ExecCompleted(int ExitCode);

/// <summary>The command could not run (no such pod or container here, the container is not running...).</summary>
/// <param name="Message">What went wrong, naming the pod and the container.</param>
public sealed record ExecFailed(string Message);

/// <summary>Sent to a session to end it early: it stops reading the process's output and closes the connection.</summary>
public sealed record CancelExec
{
    /// <summary>The only instance.</summary>
    public static CancelExec Instance { get; } = new();
}
