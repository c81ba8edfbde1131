using Microsoft.Extensions.Logging;

namespace Orchestrator.NodeAgent.Pods;

/// <summary>The pod worker's log messages; each carries the pod key (<c>namespace/name</c>).</summary>
internal static partial class PodWorkerLog
{
    [LoggerMessage(6001, LogLevel.Debug, "Pod {PodKey} ({PodUid}): worker starting")]
    public static partial void Starting(ILogger logger, string podKey, string podUid);

    [LoggerMessage(6002, LogLevel.Information, "Pod {PodKey}: adopted sandbox {SandboxId} with {Count} existing containers")]
    public static partial void Adopted(ILogger logger, string podKey, string sandboxId, int count);

    [LoggerMessage(6003, LogLevel.Information, "Pod {PodKey}: sandbox {SandboxId} created with IP {PodIp}")]
    public static partial void SandboxCreated(ILogger logger, string podKey, string sandboxId, string? podIp);

    [LoggerMessage(6004, LogLevel.Debug, "Pod {PodKey}: launching container {Container} (restart {RestartCount})")]
    public static partial void Launching(ILogger logger, string podKey, string container, int restartCount);

    [LoggerMessage(6005, LogLevel.Information, "Pod {PodKey}: container {Container} started as {ContainerId}")]
    public static partial void Started(ILogger logger, string podKey, string container, string containerId);

    [LoggerMessage(6006, LogLevel.Warning, "Pod {PodKey}: container {Container} failed to start: {Reason}: {Message}")]
    public static partial void StartFailed(ILogger logger, string podKey, string container, string reason, string message);

    [LoggerMessage(6007, LogLevel.Information, "Pod {PodKey}: container {Container} exited with {ExitCode} ({Reason})")]
    public static partial void Exited(ILogger logger, string podKey, string container, int exitCode, string reason);

    [LoggerMessage(6008, LogLevel.Information, "Pod {PodKey}: back-off {Delay} before restarting container {Container}")]
    public static partial void BackingOff(ILogger logger, string podKey, string container, TimeSpan delay);

    [LoggerMessage(6009, LogLevel.Debug, "Pod {PodKey}: {Kind} probe of container {Container} failed: {Message}")]
    public static partial void ProbeFailed(ILogger logger, string podKey, string container, ProbeKind kind, string message);

    [LoggerMessage(6010, LogLevel.Warning, "Pod {PodKey}: killing container {Container}: {Why}")]
    public static partial void KillingUnhealthy(ILogger logger, string podKey, string container, string why);

    [LoggerMessage(6011, LogLevel.Information, "Pod {PodKey}: terminating with a grace period of {Grace}")]
    public static partial void Terminating(ILogger logger, string podKey, TimeSpan grace);

    [LoggerMessage(6012, LogLevel.Warning, "Pod {PodKey}: preStop hook of container {Container} failed: {Message}")]
    public static partial void PreStopFailed(ILogger logger, string podKey, string container, string message);

    [LoggerMessage(6013, LogLevel.Information, "Pod {PodKey}: terminated; its containers are removed")]
    public static partial void Terminated(ILogger logger, string podKey);

    [LoggerMessage(6014, LogLevel.Error, "Pod {PodKey}: could not {What}")]
    public static partial void RuntimeFailed(ILogger logger, string podKey, string what, Exception exception);

    [LoggerMessage(6015, LogLevel.Warning, "Pod {PodKey}: sandbox {SandboxId} is gone; killing the pod's containers and starting it again with a new sandbox")]
    public static partial void SandboxLost(ILogger logger, string podKey, string sandboxId);
}
