using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Hocon;
using Orchestrator.Runtime.Cluster;

namespace Orchestrator.Runtime.Tests.Cluster;

/// <summary>
/// Cluster specs in one process: every member is its own actor system with remoting on 127.0.0.1 (any free
/// port, real sockets), with failure detection scaled down so scenarios finish in seconds. The TestKit's own
/// system is a member too (not joined until a test says so), so probes can subscribe to its events locally.
/// The other members are terminated after the test, before the TestKit's system.
/// </summary>
public abstract class ClusterSpecBase : TestKit.TestKit
{
    private readonly List<ActorSystem> _members = [];
    private static int _counter;

    protected ClusterSpecBase(Xunit.Abstractions.ITestOutputHelper? output = null)
        : base(MemberConfig(), output)
    {
    }

    /// <summary>HOCON of a member: fast heartbeats and gossip, a short stable-after, no coordinated shutdown on removal unless asked.</summary>
    public static string MemberConfig(string extra = "") =>
        Remoting.RemotingSpecBase.RemoteConfig(Remoting.RemotingSpecBase.Secret, "death-watch-failure-timeout = 10s, retry-window = 10s, failure-injector = on") + "\n" + $$"""
        orchestrator.cluster {
          gossip-interval = 200ms
          leader-actions-interval = 200ms
          unreachable-nodes-reaper-interval = 200ms
          seed-node-timeout = 1s
          retry-unsuccessful-join-after = 1s
          failure-detector {
            heartbeat-interval = 200ms
            acceptable-heartbeat-pause = 3s
          }
          split-brain-resolver.stable-after = 1s
        }
        {{extra}}
        """;

    /// <summary>A new member system (not joined yet); terminated after the test.</summary>
    protected ActorSystem CreateMember(string extra = "")
    {
        var system = ActorSystem.Create($"member-{Interlocked.Increment(ref _counter)}", Config.Parse(MemberConfig(extra), "cluster member"));
        lock (_members) _members.Add(system);
        return system;
    }

    /// <summary>
    /// <paramref name="count"/> members (the TestKit's system first, starting the cluster, then new ones joining it),
    /// all Up everywhere.
    /// </summary>
    protected IReadOnlyList<ActorSystem> StartCluster(int count, string extra = "")
    {
        var systems = new[] { Sys }.Concat(Enumerable.Range(1, count - 1).Select(_ => CreateMember(extra))).ToArray();
        var first = Runtime.Cluster.Cluster.Get(systems[0]).SelfAddress;
        foreach (var s in systems) Runtime.Cluster.Cluster.Get(s).Join(first);
        AwaitAllUp(systems, count);
        return systems;
    }

    /// <summary>Waits until each of <paramref name="systems"/> sees <paramref name="count"/> members, all Up.</summary>
    protected void AwaitAllUp(IEnumerable<ActorSystem> systems, int count) =>
        AwaitAssert(() =>
        {
            foreach (var s in systems)
            {
                var state = Runtime.Cluster.Cluster.Get(s).State;
                Assert.Equal(count, state.Members.Count);
                Assert.All(state.Members, m => Assert.Equal(MemberStatus.Up, m.Status));
            }
        }, TimeSpan.FromSeconds(20));

    /// <summary>Waits until each of <paramref name="systems"/> no longer lists the member at <paramref name="gone"/>.</summary>
    protected void AwaitRemoved(IEnumerable<ActorSystem> systems, Address gone) =>
        AwaitAssert(() =>
        {
            foreach (var s in systems) Assert.Null(Runtime.Cluster.Cluster.Get(s).State.MemberAt(gone));
        }, TimeSpan.FromSeconds(20));

    /// <summary>Cuts <paramref name="a"/> and <paramref name="b"/> off from each other (both directions).</summary>
    protected static void Partition(IEnumerable<ActorSystem> a, IEnumerable<ActorSystem> b)
    {
        var side = b.ToArray();
        foreach (var x in a)
        foreach (var y in side)
        {
            Runtime.Remoting.FailureInjector.For(x).Blackhole(y.Address);
            Runtime.Remoting.FailureInjector.For(y).Blackhole(x.Address);
        }
    }

    /// <summary>
    /// A member terminates through coordinated shutdown: shard regions (up to 10 s), leave, exiting (up to 10 s) and
    /// the rest. When the other members were killed by the test, the leave cannot complete and those phases run to
    /// their timeouts, so the 10 s of a plain system is too short; 40 s still catches a hang.
    /// </summary>
    protected override TimeSpan TerminationLimit => TimeSpan.FromSeconds(40);

    public override async Task DisposeAsync()
    {
        ActorSystem[] members;
        lock (_members) members = [.. _members];
        await Task.WhenAll(members.Select(m => m.Terminate())).WaitAsync(Dilated(TimeSpan.FromSeconds(30)));
        await base.DisposeAsync();
    }
}
