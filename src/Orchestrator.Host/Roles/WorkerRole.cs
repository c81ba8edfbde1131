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

    /// <summary>Starts the agent against <paramref name="store"/> on the engine <paramref name="docker"/> answers for.</summary>
    public static IActorRef Start(ActorSystem system, IActorRef store, DockerClient docker, NodeAgentSettings settings)
    {
        var runtime = new DockerContainerRuntime(docker, new DockerContainerRuntimeOptions());
        return system.ActorOf(NodeAgent.Agent.NodeAgent.Props(store, runtime, settings, new DockerRuntimeProbe(docker)), AgentName);
    }
}
