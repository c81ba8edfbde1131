using Orchestrator.Actors.NodeApi;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>Container logs: each request gets its own <see cref="LogStreamer"/> child.</summary>
public sealed partial class NodeAgent
{
    private void ReceiveLogs() => Receive<GetContainerLogs>(HandleGetContainerLogs);

    private void HandleGetContainerLogs(GetContainerLogs request)
    {
        if (FindPodContainer(request.Namespace, request.Pod, request.Container) is not { } found)
        {
            Sender.Tell(new LogsFailed(WhyNoContainer(request.Namespace, request.Pod, request.Container)), Self);
            return;
        }

        Context.ActorOf(LogStreamer.Props(_runtime, found, request, Sender));
    }

    /// <summary>The uid of the live pod <paramref name="ns"/>/<paramref name="pod"/> on this node when it has <paramref name="container"/>.</summary>
    private string? FindPodContainer(string ns, string pod, string container)
    {
        var found = _pods.FirstOrDefault(p => !p.Value.Gone && p.Value.Namespace == ns && p.Value.Name == pod);
        return found.Value is { } entry && entry.Containers.Contains(container) ? found.Key : null;
    }

    /// <summary>Why <see cref="FindPodContainer"/> found nothing, naming the pod, the node and the valid containers.</summary>
    private string WhyNoContainer(string ns, string pod, string container)
    {
        var found = _pods.FirstOrDefault(p => !p.Value.Gone && p.Value.Namespace == ns && p.Value.Name == pod);
        return found.Value is not { } entry
            ? $"pod \"{ns}/{pod}\" does not run on node {NodeName}"
            : $"container {container} is not valid for pod {pod}; its containers: {string.Join(", ", entry.Containers)}";
    }
}
