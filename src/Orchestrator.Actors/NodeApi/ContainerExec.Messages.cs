namespace Orchestrator.Actors.NodeApi;

/// <summary>
/// Asks a node agent to run a command in the current instance of a running container (what <c>kubectl exec</c>
/// does, without a TTY or stdin). The requester gets one <see cref="ExecCompleted"/> when the command has ended,
/// or an <see cref="ExecFailed"/> when it could not run.
/// </summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Pod">The pod's name.</param>
/// <param name="Container">The container's name (an app container of the pod).</param>
/// <param name="Command">The executable and its arguments.</param>
public sealed record ExecInContainer(string Namespace, string Pod, string Container, IReadOnlyList<string> Command);

/// <summary>The command ended: its exit code and everything it wrote, each stream apart.</summary>
/// <param name="ExitCode">The command's exit code.</param>
/// <param name="Stdout">What it wrote to stdout.</param>
/// <param name="Stderr">What it wrote to stderr.</param>
public sealed record ExecCompleted(int ExitCode, string Stdout, string Stderr);

/// <summary>The command could not run (no such pod or container here, the container is not running, no such executable...).</summary>
/// <param name="Message">What went wrong, naming the pod and the container.</param>
public sealed record ExecFailed(string Message);
