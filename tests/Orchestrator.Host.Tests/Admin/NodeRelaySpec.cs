using Orchestrator.Actors.Admin;
using Orchestrator.Actors.NodeApi;
using Orchestrator.Actors.Store.Front;
using Orchestrator.Actors.Store.Settings;
using Orchestrator.Model.Serialization;
using Orchestrator.Runtime;

namespace Orchestrator.Host.Tests.Admin;

/// <summary>
/// How the admin console routes <c>logs</c> and <c>exec</c> to a pod's node agent, over a real object store: the agent
/// here is a test probe published on its Node, as a real agent publishes itself. The real agent on real Docker, in this
/// process and in another, is exercised by <c>PodLogsExecTopTests</c> and <c>TwoNodeJourneyTests</c>.
/// </summary>
public sealed class NodeRelaySpec : TestKit.TestKit
{
    private readonly IActorRef _console;
    private readonly IActorRef _store;

    public NodeRelaySpec()
        : base("""
            orchestrator.persistence.journal.plugin = memory
            orchestrator.persistence.snapshot-store.plugin = memory
            orchestrator.loglevel = Warning
            orchestrator.admin.node-agent-timeout = 1s
            """)
    {
        _store = Sys.ActorOf(ObjectStore.Props(StoreSettings.From(Sys.Config)), "store");
        _console = Sys.ActorOf(AdminConsole.Props(_store, null, AdminSettings.From(Sys.Config)), "admin");
    }

    private TimeSpan Timeout => Dilated(TimeSpan.FromSeconds(15));

    private async Task Apply(params string[] yaml)
    {
        var manifests = yaml.SelectMany(y => ManifestSerializer.Default.Read(y).Documents).Select(d => d.Node.ToJsonString()).ToList();
        var result = await _console.Ask<AdminResult>(new WriteObjects(manifests, null, WriteMode.Apply), Timeout);
        Assert.All(result.Outcomes, o => Assert.Null(o.Error));
    }

    private static string Node(string name, string? agentPath) => $$"""
        apiVersion: v1
        kind: Node
        metadata:
          name: {{name}}
          {{(agentPath is null ? "" : $"annotations: {{\"{NodeAgentEndpoint.Annotation}\": \"{agentPath}\"}}")}}
        """;

    private static string Pod(string name, string? node, string containers = "[{name: main, image: busybox}, {name: side, image: busybox}]", string labels = "{app: web}") => $$"""
        apiVersion: v1
        kind: Pod
        metadata: {name: {{name}}, labels: {{labels}}}
        spec:
          {{(node is null ? "" : $"nodeName: {node}")}}
          containers: {{containers}}
        """;

    private static GetContainerLogs Follow => new("", "", "", Follow: true, TailLines: 5);

    [Fact]
    public async Task Logs_go_to_the_agent_published_on_the_pods_node_and_its_answers_come_back_to_the_client()
    {
        var agent = CreateTestProbe("agent");
        await Apply(Node("n1", agent.Ref.Path.ToString()), Pod("web", "n1"));
        var client = CreateTestProbe();

        _console.Tell(new PodLogs("web", null, null, Follow), client.Ref);
        Assert.Equal("Defaulted container \"main\" out of: main, side", client.ExpectMsg<ContainerSelected>(Timeout).Note);
        var asked = agent.ExpectMsg<GetContainerLogs>(Timeout);
        Assert.Equal(new GetContainerLogs("default", "web", "main", Follow: true, TailLines: 5), asked);

        var relay = agent.LastSender;
        relay.Tell(new LogChunk("stdout", "one\n"), agent.Ref);
        Assert.Equal("one\n", client.ExpectMsg<LogChunk>(Timeout).Text);
        relay.Tell(LogEnd.Instance, agent.Ref);
        client.ExpectMsg<LogEnd>(Timeout);
        client.Watch(relay);
        client.ExpectTerminated(relay, Timeout);
    }

    [Fact]
    public async Task A_client_that_cancels_a_follow_ends_the_agents_stream()
    {
        var agent = CreateTestProbe("agent");
        await Apply(Node("n1", agent.Ref.Path.ToString()), Pod("web", "n1"));
        var client = CreateTestProbe();

        _console.Tell(new PodLogs("web", null, "side", Follow), client.Ref);
        Assert.Equal("side", agent.ExpectMsg<GetContainerLogs>(Timeout).Container);
        var relay = agent.LastSender;
        relay.Tell(new LogChunk("stdout", "x\n"), agent.Ref);
        client.ExpectMsg<LogChunk>(Timeout);

        client.LastSender.Tell(CancelLogs.Instance, client.Ref);
        agent.ExpectMsg<CancelLogs>(Timeout);
    }

    [Fact]
    public async Task Exec_of_a_deployments_first_pod_reaches_the_agent_and_the_agent_going_away_is_reported()
    {
        var agent = CreateTestProbe("agent");
        await Apply(
            Node("n1", agent.Ref.Path.ToString()),
            Pod("web-b", "n1", "[{name: main, image: busybox}]"),
            Pod("web-a", "n1", "[{name: main, image: busybox}]"),
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 0
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: main, image: busybox}]}
            """);
        var client = CreateTestProbe();

        _console.Tell(new PodExec("deploy/web", null, null, ["echo", "hi"]), client.Ref);
        Assert.Equal("Found 2 pods, using pod/web-a", client.ExpectMsg<ContainerSelected>(Timeout).Note);
        var exec = agent.ExpectMsg<ExecInContainer>(Timeout);
        Assert.Equal(("default", "web-a", "main"), (exec.Namespace, exec.Pod, exec.Container));
        Assert.Equal(["echo", "hi"], exec.Command);

        Sys.Stop(agent.Ref);
        Assert.Equal("the node agent of node n1 went away while serving pod default/web-a", client.ExpectMsg<ExecFailed>(Timeout).Message);
    }

    [Fact]
    public async Task Exec_input_and_resizes_from_the_client_reach_the_agents_session_in_order_and_a_cancel_ends_the_session()
    {
        var agent = CreateTestProbe("agent");
        await Apply(Node("n1", agent.Ref.Path.ToString()), Pod("web", "n1", "[{name: main, image: busybox}]"));
        var client = CreateTestProbe();
        var session = CreateTestProbe();

        _console.Tell(new PodExec("web", null, null, ["cat"], Stdin: true), client.Ref);
        var exec = agent.ExpectMsg<ExecInContainer>(Timeout);
        Assert.Equal((true, false), (exec.Stdin, exec.Tty));
        var relay = agent.LastSender;
        relay.Tell(ExecStarted.Instance, session.Ref);
        client.ExpectMsg<ExecStarted>(Timeout);
        Assert.Equal(relay, client.LastSender);

        relay.Tell(new ExecInput([1, 2]), client.Ref);
        relay.Tell(new ExecInput([3]), client.Ref);
        relay.Tell(ExecInputEnd.Instance, client.Ref);
        Assert.Equal([1, 2], session.ExpectMsg<ExecInput>(Timeout).Data);
        Assert.Equal([3], session.ExpectMsg<ExecInput>(Timeout).Data);
        session.ExpectMsg<ExecInputEnd>(Timeout);
        relay.Tell(new ExecResize(24, 80), client.Ref);
        Assert.Equal(new ExecResize(24, 80), session.ExpectMsg<ExecResize>(Timeout));

        relay.Tell(new ExecOutput("stdout", [4]), session.Ref);
        Assert.Equal([4], client.ExpectMsg<ExecOutput>(Timeout).Data);
        relay.Tell(CancelExec.Instance, client.Ref);
        session.ExpectMsg<CancelExec>(Timeout);
    }

    [Theory]
    [InlineData("missing", null, "NotFound", "pods \"missing\" not found")]
    [InlineData("web", "nope", "BadRequest", "container nope is not valid for pod web; its containers: main, side")]
    [InlineData("pending", null, "BadRequest", "pod pending is not bound to a node yet (phase Pending): no node runs its containers")]
    [InlineData("lost", null, "ServiceUnavailable", "the node agent of node n2 at ")]
    [InlineData("silent", null, "ServiceUnavailable", "node n3 publishes no node agent address (annotation orchestrator.io/node-agent)")]
    [InlineData("stray", null, "ServiceUnavailable", "node n4 of pod stray is not registered")]
    public async Task A_request_that_cannot_be_routed_fails_naming_what_is_missing(string pod, string? container, string reason, string message)
    {
        var agent = CreateTestProbe("agent");
        await Apply(
            Node("n1", agent.Ref.Path.ToString()), Node("n2", Sys.Address + "/user/no-agent-here"), Node("n3", null),
            Pod("web", "n1"), Pod("pending", null), Pod("lost", "n2"), Pod("silent", "n3"), Pod("stray", "n4"));
        var client = CreateTestProbe();

        _console.Tell(new PodLogs(pod, null, container, new GetContainerLogs("", "", "")), client.Ref);
        var failed = client.ExpectMsg<AdminFailed>(Timeout);
        Assert.Equal(reason, failed.Error.Reason);
        Assert.StartsWith(message, failed.Error.Message);
        agent.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }
}
