using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>Container logs: each request gets its own <see cref="LogStreamer"/> child.</summary>
public sealed partial class NodeAgent
{
    private void ReceiveLogs() => Receive<GetContainerLogs>(HandleGetContainerLogs);

    private void HandleGetContainerLogs(GetContainerLogs request)
    {
        var pod = $"{request.Namespace}/{request.Pod}";
        var found = _pods.FirstOrDefault(p => !p.Value.Gone && p.Value.Namespace == request.Namespace && p.Value.Name == request.Pod);
        if (found.Value is not { } entry)
        {
            Sender.Tell(new LogsFailed($"pod \"{pod}\" does not run on node {NodeName}"), Self);
            return;
        }

        if (!entry.Containers.Contains(request.Container))
        {
            Sender.Tell(new LogsFailed(
                $"container \"{request.Container}\" is not valid for pod \"{pod}\"; its containers: {string.Join(", ", entry.Containers)}"), Self);
            return;
        }

        Context.ActorOf(LogStreamer.Props(_runtime, found.Key, request, Sender));
    }
}
