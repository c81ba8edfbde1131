using Orchestrator.Runtime;
using Orchestrator.Runtime.Cluster;
using Orchestrator.Runtime.Remoting;
using static Orchestrator.Runtime.Cluster.ClusterEvent;

namespace Orchestrator.TestNode;

/// <summary>
/// A cluster member in its own process, driven line by line: system "cluster-node" on 127.0.0.1:&lt;port&gt;
/// (0 = any) joining through the given seed nodes ("self" = start a new cluster), with /user/echo as a watch
/// target and default failure-detector settings. Output lines:
/// <c>listening &lt;address&gt;</c>, <c>event &lt;EventType&gt; &lt;address&gt; [&lt;detail&gt;]</c> for every cluster event,
/// <c>state members=&lt;address&gt;=&lt;status&gt;;... unreachable=&lt;address&gt;;... leader=&lt;address&gt;</c> after the
/// <c>state</c> command, <c>terminated &lt;path&gt; address-terminated=&lt;bool&gt;</c> for a watched actor, and
/// <c>system-terminated</c> before the process exits. Commands on standard input:
/// <c>state</c>, <c>leave</c>, <c>down &lt;address&gt;</c>, <c>blackhole &lt;address&gt;</c>, <c>heal &lt;address&gt;</c>,
/// <c>watch &lt;actor path&gt;</c>, <c>exit</c> (coordinated shutdown, leaving the cluster first).
/// </summary>
internal static class ClusterNodeMode
{
    private static readonly object Out = new();

    public static async Task<int> Run(int port, string secret, string seeds, string extraConfig)
    {
        var config = NodeConfig.Loopback("cluster-node", port, secret, "failure-injector = on", extraConfig);
        var system = ActorSystem.Create("cluster-node", config);
        system.ActorOf(Props.Create(() => new Echo()), "echo");
        var cluster = Cluster.Get(system);
        var printer = system.ActorOf(Props.Create(() => new EventPrinter()), "printer");
        cluster.Subscribe(printer, SubscriptionInitialStateMode.InitialStateAsEvents);
        Print($"listening {system.Address}");
        var seedList = seeds == "self" ? [cluster.SelfAddress] : seeds.Split(',').Select(s => Address.TryParse(s, out var a) ? a! : throw new ArgumentException($"bad seed '{s}'")).ToArray();
        cluster.JoinSeedNodes(seedList);
        _ = Task.Run(() => ReadCommands(system, cluster));
        await system.WhenTerminated;
        Print("system-terminated");
        return 0;
    }

    private static void Print(string line)
    {
        lock (Out)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }

    private static async Task ReadCommands(ActorSystem system, Cluster cluster)
    {
        while (await Console.In.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            var argument = parts.ElementAtOrDefault(1) ?? "";
            try
            {
                switch (parts[0])
                {
                    case "state":
                        Print(Describe(cluster.State));
                        break;
                    case "leave":
                        cluster.Leave(cluster.SelfAddress);
                        break;
                    case "down":
                        cluster.Down(ParseAddress(argument));
                        break;
                    case "blackhole":
                        FailureInjector.For(system).Blackhole(ParseAddress(argument));
                        break;
                    case "heal":
                        FailureInjector.For(system).Heal(ParseAddress(argument));
                        break;
                    case "watch":
                        system.ActorOf(Props.Create(() => new Watcher(system.ResolveActorRef(argument))));
                        break;
                    case "exit":
                        _ = system.Terminate();
                        break;
                    default:
                        Print($"error unknown command '{line}'");
                        break;
                }
            }
            catch (Exception e)
            {
                Print($"error {parts[0]}: {e.Message}");
            }
        }
    }

    private static Address ParseAddress(string text) =>
        Address.TryParse(text, out var address) ? address! : throw new ArgumentException($"'{text}' is not an address");

    private static string Describe(CurrentClusterState state) =>
        $"state members={string.Join(";", state.Members.Select(m => $"{m.Address}={m.Status}"))} " +
        $"unreachable={string.Join(";", state.Unreachable.Select(m => m.Address))} leader={state.Leader}";

    private sealed class EventPrinter : ActorBase
    {
        protected override bool Receive(object message)
        {
            switch (message)
            {
                case MemberRemoved r:
                    Print($"event MemberRemoved {r.Member.Address} {r.PreviousStatus}");
                    return true;
                case IMemberEvent m:
                    Print($"event {m.GetType().Name} {m.Member.Address}");
                    return true;
                case IReachabilityEvent r:
                    Print($"event {r.GetType().Name} {r.Member.Address}");
                    return true;
                case LeaderChanged l:
                    Print($"event LeaderChanged {l.Leader}");
                    return true;
                case IClusterDomainEvent e:
                    Print($"event {e.GetType().Name}");
                    return true;
                default:
                    return false;
            }
        }
    }

    private sealed class Watcher : ActorBase
    {
        public Watcher(IActorRef target)
        {
            Context.Watch(target);
            Print($"watching {target.Path}");
        }

        protected override bool Receive(object message)
        {
            if (message is not Terminated t) return false;
            Print($"terminated {t.ActorRef.Path} address-terminated={t.AddressTerminated}");
            return true;
        }
    }

    private sealed class Echo : ActorBase
    {
        protected override bool Receive(object message)
        {
            Sender.Tell(message, Self);
            return true;
        }
    }
}
