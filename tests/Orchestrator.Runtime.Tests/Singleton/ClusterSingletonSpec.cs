using Orchestrator.Runtime.Remoting;
using Orchestrator.Runtime.Singleton;
using Orchestrator.Runtime.Tests.Cluster;
using ClusterExtension = Orchestrator.Runtime.Cluster.Cluster;

namespace Orchestrator.Runtime.Tests.Singleton;

/// <summary>Singleton manager and proxy on three members in one process (each its own system with real sockets).</summary>
public sealed class ClusterSingletonSpec(Xunit.Abstractions.ITestOutputHelper output) : ClusterSpecBase(output)
{
    public sealed record Who(int N);
    public sealed record Here(string Address, int N);
    public sealed record Stop;
    public sealed record SingletonStarted(string Address);
    public sealed record SingletonStopped(string Address);

    /// <summary>The singleton: says where it runs, reports start and stop (in the order they happen) to the probe.</summary>
    public sealed class Reporter : ReceiveActor
    {
        private readonly IActorRef _lifecycle;
        private readonly string _address;

        public Reporter(IActorRef lifecycle)
        {
            _lifecycle = lifecycle;
            _address = ClusterExtension.Get(Context.System).SelfAddress.ToString();
            Receive<Who>(w => Sender.Tell(new Here(_address, w.N)));
            Receive<Stop>(_ => Context.Stop(Self));
        }

        protected override void PreStart() => _lifecycle.Tell(new SingletonStarted(_address));

        protected override void PostStop() => _lifecycle.Tell(new SingletonStopped(_address));
    }

    private static void Register(ActorSystem system)
    {
        system.Serialization.Register<Who>("test-singleton-who/v1");
        system.Serialization.Register<Here>("test-singleton-here/v1");
    }

    private static string AddressOf(ActorSystem system) => ClusterExtension.Get(system).SelfAddress.ToString();

    /// <summary>Member A (the oldest), then this TestKit's system, then B; each runs a manager at /user/reporter.</summary>
    private (ActorSystem Oldest, ActorSystem Youngest) StartThreeWithManagers(TestKit.TestProbe lifecycle)
    {
        var oldest = CreateMember();
        var youngest = CreateMember();
        foreach (var s in new[] { oldest, Sys, youngest }) Register(s);
        var first = ClusterExtension.Get(oldest).SelfAddress;
        ClusterExtension.Get(oldest).Join(first);
        AwaitAllUp([oldest], 1);
        ClusterExtension.Get(Sys).Join(first);
        AwaitAllUp([oldest, Sys], 2);
        ClusterExtension.Get(youngest).Join(first);
        AwaitAllUp([oldest, Sys, youngest], 3);
        foreach (var s in new[] { oldest, Sys, youngest })
            s.ActorOf(ClusterSingletonManager.Props(Props.Create(() => new Reporter(lifecycle.Ref)), new Stop(), ClusterSingletonManagerSettings.Create(s)), "reporter");
        return (oldest, youngest);
    }

    private static IActorRef ProxyOn(ActorSystem system) =>
        system.ActorOf(ClusterSingletonProxy.Props("/user/reporter", ClusterSingletonProxySettings.Create(system)), "reporter-proxy");

    [Fact]
    public async Task The_singleton_runs_on_the_oldest_member_only_and_a_proxy_anywhere_reaches_it()
    {
        var lifecycle = CreateTestProbe();
        var (oldest, youngest) = StartThreeWithManagers(lifecycle);
        Assert.Equal(new SingletonStarted(AddressOf(oldest)), lifecycle.ExpectMsg<SingletonStarted>(TimeSpan.FromSeconds(10)));
        lifecycle.ExpectNoMsg(TimeSpan.FromSeconds(1));
        var here = await ProxyOn(youngest).Ask<Here>(new Who(1), Dilated(TimeSpan.FromSeconds(10)));
        Assert.Equal(AddressOf(oldest), here.Address);
    }

    [Fact]
    public void On_graceful_leave_the_old_instance_stops_before_the_next_oldest_starts_and_buffered_messages_arrive()
    {
        var lifecycle = CreateTestProbe();
        var (oldest, youngest) = StartThreeWithManagers(lifecycle);
        lifecycle.ExpectMsg<SingletonStarted>(TimeSpan.FromSeconds(10));
        var proxy = ProxyOn(youngest);
        var client = CreateTestProbe();
        proxy.Tell(new Who(0), client.Ref);
        Assert.Equal(AddressOf(oldest), client.ExpectMsg<Here>(TimeSpan.FromSeconds(10)).Address);

        ClusterExtension.Get(oldest).Leave(ClusterExtension.Get(oldest).SelfAddress);
        Assert.Equal(new SingletonStopped(AddressOf(oldest)), lifecycle.ExpectMsg<SingletonStopped>(TimeSpan.FromSeconds(20)));
        Assert.Equal(new SingletonStarted(AddressOf(Sys)), lifecycle.ExpectMsg<SingletonStarted>(TimeSpan.FromSeconds(20)));

        // Sent while the proxy may still be looking for the new instance: held, then delivered in order.
        for (var i = 1; i <= 20; i++) proxy.Tell(new Who(i), client.Ref);
        var answers = client.ReceiveN(20, TimeSpan.FromSeconds(20)).Cast<Here>().ToList();
        Assert.Equal(Enumerable.Range(1, 20), answers.Select(a => a.N));
        Assert.All(answers, a => Assert.Equal(AddressOf(Sys), a.Address));
    }

    [Fact]
    public void When_the_oldest_is_cut_off_and_downed_the_next_oldest_runs_the_singleton()
    {
        var lifecycle = CreateTestProbe();
        var (oldest, youngest) = StartThreeWithManagers(lifecycle);
        lifecycle.ExpectMsg<SingletonStarted>(TimeSpan.FromSeconds(10));
        var cut = ClusterExtension.Get(oldest).SelfAddress;
        // A partition: the majority (this system and the youngest) downs the oldest; the oldest downs itself.
        foreach (var s in new[] { Sys, youngest })
        {
            FailureInjector.For(s).Blackhole(cut);
            FailureInjector.For(oldest).Blackhole(ClusterExtension.Get(s).SelfAddress);
        }
        var started = lifecycle.FishForMessage<SingletonStarted>(_ => true, TimeSpan.FromSeconds(30));
        Assert.Equal(AddressOf(Sys), started.Address);
        var proxy = ProxyOn(youngest);
        var client = CreateTestProbe();
        proxy.Tell(new Who(7), client.Ref);
        Assert.Equal(new Here(AddressOf(Sys), 7), client.ExpectMsg<Here>(TimeSpan.FromSeconds(20)));
    }
}
