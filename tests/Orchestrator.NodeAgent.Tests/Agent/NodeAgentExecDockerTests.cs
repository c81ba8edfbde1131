using Orchestrator.Actors.NodeApi;
using Orchestrator.NodeAgent.Tests.Docker;
using Orchestrator.Runtime;
using static Orchestrator.NodeAgent.Tests.Agent.AgentTestSupport;

namespace Orchestrator.NodeAgent.Tests.Agent;

/// <summary>Exec through the node agent, on the real engine: output per stream, the exit code, and clear refusals.</summary>
[Collection(DockerCollection.Name)]
public sealed class NodeAgentExecDockerTests(DockerFixture fixture) : NodeAgentDockerTestBase(fixture, "exec-node-")
{
    private const string Idle = "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done";

    [Fact]
    public async Task Exec_returns_stdout_and_stderr_apart_with_the_exit_code_and_refuses_what_is_not_there()
    {
        var agent = StartAgent();
        await StoreRef.Created(Pod("shell", NodeName, DockerFixture.BusyboxImage, "sh", "-c", Idle), Request);
        await AwaitRunning("shell");

        agent.Tell(new ExecInContainer("default", "shell", "main", ["sh", "-c", "echo out; echo err >&2; exit 7"]), TestActor);
        Assert.Equal(new ExecCompleted(7, "out\n", "err\n"), ExpectMsg<ExecCompleted>(Request));

        agent.Tell(new ExecInContainer("default", "shell", "other", ["true"]), TestActor);
        Assert.Equal("container other is not valid for pod shell; its containers: main", ExpectMsg<ExecFailed>(Request).Message);

        agent.Tell(new ExecInContainer("default", "nowhere", "main", ["true"]), TestActor);
        Assert.Equal($"pod \"default/nowhere\" does not run on node {NodeName}", ExpectMsg<ExecFailed>(Request).Message);
    }
}
