using Orchestrator.NodeAgent.Agent;
using Orchestrator.NodeAgent.Docker;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;

namespace Orchestrator.Host.Roles;

/// <summary>Starts the node agent of this machine: pods bound to this node run as Docker containers.</summary>
public static class WorkerRole
{
    /// <summary>The node agent's actor name.</summary>
    public const string AgentName = "node-agent";

    /// <summary>The label that ties a container to the node that started it.</summary>
    public const string NodeLabel = "orchestrator.node";

    /// <summary>
    /// Starts the agent against <paramref name="store"/> on the engine <paramref name="docker"/> answers for. Its
    /// containers carry <see cref="NodeLabel"/> and it lists only those, so several nodes (or test clusters) on one
    /// engine never reap each other's containers.
    /// </summary>
    public static IActorRef Start(ActorSystem system, IActorRef store, DockerClient docker, NodeAgentSettings settings)
    {
        var runtime = new DockerContainerRuntime(docker, new DockerContainerRuntimeOptions
        {
            ExtraLabels = new Dictionary<string, string> { [NodeLabel] = settings.NodeName },
        });
        return system.ActorOf(NodeAgent.Agent.NodeAgent.Props(store, runtime, settings, new DockerRuntimeProbe(docker)), AgentName);
    }
}
