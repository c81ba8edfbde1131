namespace Orchestrator.Actors.NodeApi;

/// <summary>
/// Where a node's agent can be reached, as the agent publishes it on its Node: the annotation
/// <see cref="Annotation"/> holds the agent actor's full path (<c>orch.tcp://orch@10.0.0.7:2552/user/node-agent</c>).
/// The admin console resolves it to send <see cref="GetContainerLogs"/> and <see cref="ExecInContainer"/>, as the
/// apiserver reaches the kubelet through the Node's address and daemon endpoint.
/// </summary>
public static class NodeAgentEndpoint
{
    /// <summary>The Node annotation naming the agent's actor path.</summary>
    public const string Annotation = "orchestrator.io/node-agent";
}
