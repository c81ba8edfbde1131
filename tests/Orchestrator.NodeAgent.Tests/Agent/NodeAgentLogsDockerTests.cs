using Orchestrator.Actors.NodeApi;
using System.Text;
using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Agent;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.NodeAgent.Tests.Docker;
using Orchestrator.Runtime;
using static Orchestrator.NodeAgent.Tests.Agent.AgentTestSupport;

namespace Orchestrator.NodeAgent.Tests.Agent;

/// <summary>Container logs through the node agent, on the real engine: current, previous, tail, timestamps and follow.</summary>
[Collection(DockerCollection.Name)]
public sealed class NodeAgentLogsDockerTests(DockerFixture fixture) : NodeAgentDockerTestBase(fixture, "logs-node-")
{
    private const string Idle = "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done";

    [Fact]
    public async Task Logs_return_the_containers_output_and_tail_and_timestamps_select_from_it()
    {
        var agent = StartAgent();
        await StoreRef.Created(Pod("printer", NodeName, DockerFixture.BusyboxImage, "sh", "-c", $"echo oops >&2; sleep 1; for i in 1 2 3 4 5; do echo line $i; done; {Idle}"), Request);
        await AwaitRunning("printer");

        // stdout and stderr are separate pipes, so their order is only known a second apart.
        var all = await AwaitLogs(agent, new GetContainerLogs("default", "printer", "main"), text => text.Contains("line 5", StringComparison.Ordinal));
        Assert.Equal("oops\nline 1\nline 2\nline 3\nline 4\nline 5\n", all.Text);
        Assert.Contains(all.Chunks, c => c.Stream == "stderr" && c.Text == "oops\n");

        var tail = Collect(agent, new GetContainerLogs("default", "printer", "main", TailLines: 2));
        Assert.Equal("line 4\nline 5\n", tail.Text);

        var stamped = Collect(agent, new GetContainerLogs("default", "printer", "main", TailLines: 1, Timestamps: true));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z line 5\n$", stamped.Text);
    }

    [Fact]
    public async Task Previous_logs_are_those_of_the_instance_before_a_restart()
    {
        var agent = StartAgent();
        var pod = Pod("twice", NodeName, DockerFixture.BusyboxImage, "sh", "-c",
            $"if [ -f /work/ran ]; then echo second run; {Idle}; fi; touch /work/ran; echo first run; exit 1");
        pod.Spec.Volumes = [new Volume { Name = "work", EmptyDir = new EmptyDirVolumeSource() }];
        pod.Spec.Containers[0].VolumeMounts = [new VolumeMount { Name = "work", MountPath = "/work" }];
        await StoreRef.Created(pod, Request);
        await AwaitPodAsync("twice", p => p.Status?.ContainerStatuses?.SingleOrDefault() is { RestartCount: 1, State.Running: not null },
            "running after one restart");

        var current = await AwaitLogs(agent, new GetContainerLogs("default", "twice", "main"), text => text.Length > 0);
        Assert.Equal("second run\n", current.Text);
        var previous = Collect(agent, new GetContainerLogs("default", "twice", "main", Previous: true));
        Assert.Equal("first run\n", previous.Text);
    }

    [Fact]
    public async Task Following_receives_lines_written_after_the_request_until_cancelled()
    {
        var agent = StartAgent();
        await StoreRef.Created(Pod("ticker", NodeName, DockerFixture.BusyboxImage, "sh", "-c",
            "trap 'exit 0' TERM; i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2 & wait $!; done"), Request);
        await AwaitRunning("ticker");
        await AwaitLogs(agent, new GetContainerLogs("default", "ticker", "main"), text => text.Contains("tick 1\n", StringComparison.Ordinal));

        agent.Tell(new GetContainerLogs("default", "ticker", "main", Follow: true, TailLines: 1), TestActor);
        var first = ExpectMsg<LogChunk>(Request);
        var stream = LastSender;
        var firstTick = TickOf(first.Text);
        var later = FishForMessage<LogChunk>(c => TickOf(c.Text) >= firstTick + 3, Request, "three more ticks arrive while following");
        Assert.Equal("stdout", later.Stream);

        Watch(stream);
        stream.Tell(CancelLogs.Instance, TestActor);
        ExpectTerminated(stream, Request);
    }

    [Fact]
    public async Task Logs_of_an_unknown_pod_container_or_previous_instance_fail_naming_them()
    {
        var agent = StartAgent();
        await StoreRef.Created(Pod("solo", NodeName, DockerFixture.BusyboxImage, "sh", "-c", Idle), Request);
        await AwaitRunning("solo");

        agent.Tell(new GetContainerLogs("default", "nowhere", "main"), TestActor);
        Assert.Contains("\"default/nowhere\"", ExpectMsg<LogsFailed>(Request).Message, StringComparison.Ordinal);

        agent.Tell(new GetContainerLogs("default", "solo", "sidecar"), TestActor);
        var badContainer = ExpectMsg<LogsFailed>(Request).Message;
        Assert.Equal("container sidecar is not valid for pod solo; its containers: main", badContainer);

        agent.Tell(new GetContainerLogs("default", "solo", "main", Previous: true), TestActor);
        var noPrevious = ExpectMsg<LogsFailed>(Request).Message;
        Assert.Contains("previous terminated container \"main\" of pod \"default/solo\" not found", noPrevious, StringComparison.Ordinal);
    }

    private static int TickOf(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        return int.Parse(line["tick ".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Asks until the output satisfies <paramref name="complete"/> (the container may not have written it all yet).</summary>
    private async Task<Logs> AwaitLogs(IActorRef agent, GetContainerLogs request, Func<string, bool> complete)
    {
        Logs? logs = null;
        await AwaitAssertAsync(() =>
        {
            logs = Collect(agent, request);
            Assert.True(complete(logs.Text), $"logs so far: {logs.Text}");
            return Task.CompletedTask;
        }, Long, TimeSpan.FromMilliseconds(200));
        return logs!;
    }

    private Logs Collect(IActorRef agent, GetContainerLogs request)
    {
        agent.Tell(request, TestActor);
        var chunks = new List<LogChunk>();
        while (true)
        {
            switch (ReceiveOne(Request))
            {
                case LogChunk chunk:
                    chunks.Add(chunk);
                    break;
                case LogEnd:
                    return new Logs(chunks);
                case LogsFailed failed:
                    throw new InvalidOperationException(failed.Message);
                case var other:
                    throw new InvalidOperationException($"unexpected {other}");
            }
        }
    }

    private sealed record Logs(IReadOnlyList<LogChunk> Chunks)
    {
        public string Text => string.Concat(Chunks.Select(c => c.Text));
    }
}
