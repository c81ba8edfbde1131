using System.Text;
using Orchestrator.Actors.NodeApi;
using Orchestrator.NodeAgent.Tests.Docker;
using Orchestrator.Runtime;
using static Orchestrator.NodeAgent.Tests.Agent.AgentTestSupport;

namespace Orchestrator.NodeAgent.Tests.Agent;

/// <summary>
/// Exec through the node agent, on the real engine: output streamed per stream as it is written, stdin passed in
/// order and closed, the exit code, and clear refusals.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class NodeAgentExecDockerTests(DockerFixture fixture) : NodeAgentDockerTestBase(fixture, "exec-node-")
{
    private const string Idle = "trap 'exit 0' TERM; while true; do sleep 1 & wait $!; done";

    [Fact]
    public async Task Exec_streams_output_as_written_takes_stdin_in_order_and_refuses_what_is_not_there()
    {
        var agent = StartAgent();
        await StoreRef.Created(Pod("shell", NodeName, DockerFixture.BusyboxImage, "sh", "-c", Idle), Request);
        await AwaitRunning("shell");

        agent.Tell(new ExecInContainer("default", "shell", "main", ["sh", "-c", "echo out; echo err >&2; exit 7"]), TestActor);
        ExpectMsg<ExecStarted>(Request);
        Assert.Equal(("out\n", "err\n", 7), ReadUntilCompleted());

        // "a" arrives while the command still waits for its input: output is streamed, not collected.
        agent.Tell(new ExecInContainer("default", "shell", "main", ["sh", "-c", "echo a; read x; echo got $x; cat"], Stdin: true), TestActor);
        ExpectMsg<ExecStarted>(Request);
        var session = LastSender;
        Assert.Equal("a\n", Text(ExpectMsg<ExecOutput>(Request)));
        session.Tell(new ExecInput("b\nc"u8.ToArray()), TestActor);
        session.Tell(new ExecInput("d\n"u8.ToArray()), TestActor);
        session.Tell(ExecInputEnd.Instance, TestActor);
        var (stdout, stderr, exitCode) = ReadUntilCompleted();
        Assert.Equal(("got b\ncd\n", "", 0), (stdout, stderr, exitCode));

        // A command that ends without reading its input ends the session though the input never ended.
        agent.Tell(new ExecInContainer("default", "shell", "main", ["echo", "done"], Stdin: true), TestActor);
        ExpectMsg<ExecStarted>(Request);
        Assert.Equal(("done\n", "", 0), ReadUntilCompleted());

        agent.Tell(new ExecInContainer("default", "shell", "main", ["no-such-command"]), TestActor);
        ExpectMsg<ExecStarted>(Request);
        var (missingOut, missingErr, missingCode) = ReadUntilCompleted();
        Assert.True(missingCode is 126 or 127, $"exit {missingCode}: {missingOut}{missingErr}");
        Assert.Contains("no-such-command", missingOut + missingErr);

        agent.Tell(new ExecInContainer("default", "shell", "other", ["true"]), TestActor);
        Assert.Equal("container other is not valid for pod shell; its containers: main", ExpectMsg<ExecFailed>(Request).Message);

        agent.Tell(new ExecInContainer("default", "nowhere", "main", ["true"]), TestActor);
        Assert.Equal($"pod \"default/nowhere\" does not run on node {NodeName}", ExpectMsg<ExecFailed>(Request).Message);
    }

    [Fact]
    public async Task A_tty_exec_runs_on_a_terminal_of_the_size_sent_before_its_input()
    {
        var agent = StartAgent();
        await StoreRef.Created(Pod("terminal", NodeName, DockerFixture.BusyboxImage, "sh", "-c", Idle), Request);
        await AwaitRunning("terminal");

        agent.Tell(new ExecInContainer("default", "terminal", "main", ["sh", "-c", "read x; tty; stty size; exit 2"], Stdin: true, Tty: true), TestActor);
        ExpectMsg<ExecStarted>(Request);
        var session = LastSender;
        session.Tell(new ExecResize(30, 100), TestActor);
        session.Tell(new ExecInput("\n"u8.ToArray()), TestActor);
        var (stdout, stderr, exitCode) = ReadUntilCompleted();
        Assert.Matches(@"/dev/pts/\d+\r\n30 100\r\n", stdout);
        Assert.Equal(("", 2), (stderr, exitCode));
    }

    [Fact]
    public async Task A_requester_that_goes_away_ends_the_session_and_the_process_reads_end_of_file()
    {
        var agent = StartAgent();
        await StoreRef.Created(Pod("reader", NodeName, DockerFixture.BusyboxImage, "sh", "-c", Idle), Request);
        await AwaitRunning("reader");

        var requester = CreateTestProbe();
        agent.Tell(new ExecInContainer("default", "reader", "main", ["sh", "-c", "cat; echo eof > /tmp/ended"], Stdin: true), requester.Ref);
        requester.ExpectMsg<ExecStarted>(Request);
        var session = requester.LastSender;
        Watch(session);
        Sys.Stop(requester.Ref);
        ExpectTerminated(session, Request);

        await AwaitAssertAsync(() =>
        {
            agent.Tell(new ExecInContainer("default", "reader", "main", ["cat", "/tmp/ended"]), TestActor);
            ExpectMsg<ExecStarted>(Request);
            Assert.Equal(("eof\n", "", 0), ReadUntilCompleted());
            return Task.CompletedTask;
        }, Dilated(TimeSpan.FromSeconds(20)), TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Exec_in_a_container_that_has_ended_fails_naming_the_container_pod_and_node()
    {
        var agent = StartAgent();
        var pod = Pod("finished", NodeName, DockerFixture.BusyboxImage, "true");
        pod.Spec.RestartPolicy = "Never";
        await StoreRef.Created(pod, Request);
        await AwaitPodAsync("finished", p => p.Status?.Phase == "Succeeded", "finished succeeded");

        agent.Tell(new ExecInContainer("default", "finished", "main", ["true"]), TestActor);
        Assert.Equal($"unable to upgrade connection: container main of pod default/finished on node {NodeName} is not running",
            ExpectMsg<ExecFailed>(Request).Message);
    }

    private static string Text(ExecOutput output) => Encoding.UTF8.GetString(output.Data);

    // Gathers the output of each stream (their chunks may interleave either way) until the exit code.
    private (string Stdout, string Stderr, int ExitCode) ReadUntilCompleted()
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        while (true)
        {
            switch (ExpectMsg<object>(m => m is ExecOutput or ExecCompleted, Request))
            {
                case ExecOutput chunk:
                    (chunk.Stream == "stderr" ? stderr : stdout).Append(Text(chunk));
                    break;
                case ExecCompleted completed:
                    return (stdout.ToString(), stderr.ToString(), completed.ExitCode);
            }
        }
    }
}
