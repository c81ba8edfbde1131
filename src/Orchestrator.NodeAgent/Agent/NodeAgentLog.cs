using Microsoft.Extensions.Logging;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>The node agent's log messages; each carries the node name.</summary>
internal static partial class NodeAgentLog
{
    [LoggerMessage(6101, LogLevel.Information, "Node {Node}: registered (Ready={Ready}, runtime {Version})")]
    public static partial void Registered(ILogger logger, string node, bool ready, string version);

    [LoggerMessage(6102, LogLevel.Warning, "Node {Node}: {What} failed; retrying")]
    public static partial void Failed(ILogger logger, string node, string what, Exception cause);

    [LoggerMessage(6103, LogLevel.Information, "Node {Node}: container runtime is {State}")]
    public static partial void RuntimeHealthChanged(ILogger logger, string node, string state);

    [LoggerMessage(6104, LogLevel.Information, "Node {Node}: reaped {Count} containers of pods no longer bound here")]
    public static partial void Reaped(ILogger logger, string node, int count);

    [LoggerMessage(6105, LogLevel.Information, "Node {Node}: starting pod {PodKey} ({PodUid})")]
    public static partial void StartingPod(ILogger logger, string node, string podKey, string podUid);

    [LoggerMessage(6106, LogLevel.Information, "Node {Node}: stopping pod {PodKey} ({PodUid})")]
    public static partial void StoppingPod(ILogger logger, string node, string podKey, string podUid);

    [LoggerMessage(6107, LogLevel.Information, "Node {Node}: pod {PodKey} stopped; confirming its deletion")]
    public static partial void ConfirmingDeletion(ILogger logger, string node, string podKey);

    [LoggerMessage(6108, LogLevel.Debug, "Node {Node}: store refused a write: {Reason}: {Message}")]
    public static partial void WriteRefused(ILogger logger, string node, string reason, string message);

    [LoggerMessage(6109, LogLevel.Information, "Node {Node}: pod watch ended ({Reason}); listing again")]
    public static partial void Relisting(ILogger logger, string node, string reason);
}
