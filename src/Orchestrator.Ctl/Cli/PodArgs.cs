using System.CommandLine;

namespace Orchestrator.Ctl.Cli;

/// <summary>The arguments <c>logs</c> and <c>exec</c> share: which pod, and which of its containers.</summary>
public static class PodArgs
{
    /// <summary>The pod: <c>POD</c>, <c>pod/POD</c>, or <c>TYPE/NAME</c> of a workload (its first pod).</summary>
    public static Argument<string> Target() => new("pod") { Description = "POD, pod/POD, or TYPE/NAME of a workload (its first pod)." };

    /// <summary><c>-c</c>: the container.</summary>
    public static Option<string?> Container() =>
        new("--container", "-c") { Description = "The container; default: the kubectl.kubernetes.io/default-container annotation, else the first." };
}
