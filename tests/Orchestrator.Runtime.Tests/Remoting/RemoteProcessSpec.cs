using Orchestrator.Runtime.Remoting;
using Orchestrator.TestKit;

namespace Orchestrator.Runtime.Tests.Remoting;

/// <summary>
/// Remoting with a separate OS process (the test node program's remote-echo mode): a peer killed with
/// SIGKILL terminates the watches of its actors exactly once, with AddressTerminated, within the failure
/// timeout; the peer restarted on the same port is reachable again.
/// </summary>
public sealed class RemoteProcessSpec : RemotingSpecBase
{
    private const string NodeSecret = "process-spec-secret";

    // Same timings as RemotingSpecBase: death-watch-failure-timeout = 3s (retry-window = 1s).
    private static readonly TimeSpan FailureTimeout = TimeSpan.FromSeconds(3);

    public RemoteProcessSpec() : base($"cluster-secret = \"{NodeSecret}\"")
    {
    }

    [Fact]
    public async Task Kill_9_of_the_peer_gives_one_Terminated_with_AddressTerminated_and_a_restart_on_the_same_port_is_reachable()
    {
        var (node, address) = StartNode(0);
        IActorRef echo;
        await using (node)
        {
            echo = await Identify(address);
            Watch(echo);

            await node.Kill();

            var terminated = ExpectTerminated(echo, FailureTimeout + TimeSpan.FromSeconds(1));
            Assert.True(terminated.AddressTerminated);
            Assert.True(terminated.ExistenceConfirmed);
            ExpectNoMsg(TimeSpan.FromSeconds(2));
        }

        var (restarted, sameAddress) = StartNode(address.Port!.Value);
        await using (restarted)
        {
            Assert.Equal(address, sameAddress);
            var echoAgain = await Identify(sameAddress);
            Assert.NotEqual(echo.Path.Uid, echoAgain.Path.Uid);
            var pong = await echoAgain.Ask<Pong>(new Ping("again"), Dilated(TimeSpan.FromSeconds(10)));
            Assert.Equal("again", pong.Text);

            // And the restarted incarnation is watched just as well.
            Watch(echoAgain);
            await restarted.Kill();
            Assert.True(ExpectTerminated(echoAgain, FailureTimeout + TimeSpan.FromSeconds(1)).AddressTerminated);
            ExpectNoMsg(TimeSpan.FromSeconds(1));
        }
    }

    private (NodeProcess Node, Address Address) StartNode(int port)
    {
        var node = NodeProcess.Start(TestKitSettings, "remote-echo", port.ToString(), NodeSecret);
        var line = node.ExpectLine(l => l.StartsWith("listening "), TimeSpan.FromSeconds(60), "'listening <address>'");
        Assert.True(Address.TryParse(line["listening ".Length..], out var address), line);
        return (node, address!);
    }

    private async Task<IActorRef> Identify(Address address)
    {
        var selection = Sys.ActorSelection($"{address}/user/echo");
        var echo = await selection.ResolveOne(Dilated(TimeSpan.FromSeconds(20)));
        Assert.IsType<RemoteActorRef>(echo);
        Assert.NotEqual(0, echo.Path.Uid);
        return echo;
    }
}
