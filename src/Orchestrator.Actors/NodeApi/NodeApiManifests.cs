using Orchestrator.Runtime;

namespace Orchestrator.Actors.NodeApi;

/// <summary>
/// The wire names of the node agent's protocol (logs, exec with its streamed output and input), so the admin console in one process reaches an agent
/// in another and relays its answers to <c>orchctl</c>. Every process that sends or receives them registers them:
/// the node agent, the admin console and the client. Versioned: a changed message is a new manifest.
/// </summary>
public static class NodeApiManifests
{
    /// <summary>Registers every node message with <paramref name="system"/>'s serialization (idempotent).</summary>
    public static void Register(ActorSystem system)
    {
        system.Serialization
            .Register<GetContainerLogs>("node-get-container-logs/v1")
            .Register<LogChunk>("node-log-chunk/v1")
            .Register<LogEnd>("node-log-end/v1")
            .Register<LogsFailed>("node-logs-failed/v1")
            .Register<CancelLogs>("node-cancel-logs/v1")
            .Register<ExecInContainer>("node-exec-in-container/v2")
            .Register<ExecStarted>("node-exec-started/v1")
            .Register<ExecOutput>("node-exec-output/v1")
            .Register<ExecInput>("node-exec-input/v1")
            .Register<ExecInputEnd>("node-exec-input-end/v1")
            .Register<ExecResize>("node-exec-resize/v1")
            .Register<ExecCompleted>("node-exec-completed/v2")
            .Register<ExecFailed>("node-exec-failed/v1")
            .Register<CancelExec>("node-cancel-exec/v1");
    }
}
