using Orchestrator.Runtime;

namespace Orchestrator.TestNode;

/// <summary>
/// A remoting peer in its own process: system "echo-node" listening on 127.0.0.1:&lt;port&gt; with an
/// actor /user/echo that answers each Ping with a Pong of the same text. It prints "listening &lt;address&gt;"
/// once it accepts connections and then runs until killed. Messages are matched by manifest, not by type:
/// the tests declare their own Ping and Pong under the same manifests.
/// </summary>
internal static class RemoteEchoMode
{
    public sealed record Ping(string Text);

    public sealed record Pong(string Text);

    public static async Task<int> Run(int port, string secret)
    {
        var config = NodeConfig.Loopback("remote-echo", port, secret, "heartbeat-interval = 200ms, death-watch-failure-timeout = 3s, retry-window = 1s");
        var system = ActorSystem.Create("echo-node", config);
        system.Serialization.Register<Ping>("remote-echo.ping/v1").Register<Pong>("remote-echo.pong/v1");
        system.ActorOf(Props.Create(() => new Echo()), "echo");
        Console.Out.WriteLine($"listening {system.Address}");
        Console.Out.Flush();
        await system.WhenTerminated;
        return 0;
    }

    private sealed class Echo : ActorBase
    {
        protected override bool Receive(object message)
        {
            if (message is not Ping ping) return false;
            Sender.Tell(new Pong(ping.Text), Self);
            return true;
        }
    }
}
