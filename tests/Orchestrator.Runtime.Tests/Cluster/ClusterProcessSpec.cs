using System.Diagnostics;
using Orchestrator.TestKit;
using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Cluster;

/// <summary>
/// Multi-node scenarios with separate OS processes (the test node program's cluster-node mode) on 127.0.0.1,
/// at the default failure-detector and split-brain-resolver settings: join, graceful leave, kill -9,
/// remote death watch across the cluster, and a partition made with the transport's blackhole.
/// </summary>
public sealed class ClusterProcessSpec : TestKit.TestKit
{
    private readonly ITestOutputHelper _output;

    public ClusterProcessSpec(ITestOutputHelper output) : base(output: output) => _output = output;

    private const string Secret = "cluster-process-spec";

    // Default settings: unreachable after ~4.5 s of silence, stable-after 2 s, then downing and removal.
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Three_processes_join_and_each_sees_all_three_up_with_the_same_leader()
    {
        await using var cluster = await MultiNodeCluster.Start(TestKitSettings, 3, Secret);
        var views = cluster.Nodes.Select(n => n.State()).ToArray();
        var lowest = cluster.Nodes.Select(n => n.Address).Min(Runtime.Cluster.AddressOrdering.Instance);
        Assert.All(views, v => Assert.Equal(lowest, v.Leader));
        Assert.All(views, v => Assert.Empty(v.Unreachable));
    }

    [Fact]
    public async Task A_member_that_leaves_is_removed_everywhere_and_its_process_exits()
    {
        await using var cluster = await MultiNodeCluster.Start(TestKitSettings, 3, Secret);
        var leaver = cluster.Nodes[2];
        leaver.Send("leave");
        foreach (var survivor in cluster.Nodes.Take(2))
            await survivor.AwaitOutput(l => l == $"event MemberRemoved {leaver.Address} Exiting", Recovery, "the leaver's MemberRemoved (previous status Exiting)");
        Assert.Equal(0, await leaver.Process.WaitForExit(Recovery));
        Assert.Contains("system-terminated", leaver.Process.OutputHistory);
        await cluster.AwaitAllUp(cluster.Nodes.Take(2), Recovery);
    }

    [Fact]
    public async Task Kill_9_of_a_member_makes_it_unreachable_then_the_majority_downs_and_removes_it_and_watchers_get_terminated()
    {
        await using var cluster = await MultiNodeCluster.Start(TestKitSettings, 3, Secret);
        var victim = cluster.Nodes[2];
        var watcher = cluster.Nodes[0];
        var echo = $"{victim.Address}/user/echo";
        watcher.Send($"watch {echo}");
        await watcher.AwaitOutput(l => l.StartsWith("watching ", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "'watching'");

        var clock = Stopwatch.StartNew();
        await victim.Kill();

        foreach (var survivor in cluster.Nodes.Take(2))
        {
            await survivor.AwaitOutput(l => l == $"event UnreachableMember {victim.Address}", Recovery, "UnreachableMember of the killed member");
            await survivor.AwaitOutput(l => l == $"event MemberDowned {victim.Address}", Recovery, "MemberDowned of the killed member");
            await survivor.AwaitOutput(l => l == $"event MemberRemoved {victim.Address} Down", Recovery, "MemberRemoved of the killed member");
        }
        _output.WriteLine($"kill -9 to removed on both survivors (observed by polling): {clock.Elapsed.TotalSeconds:0.0} s");
        var terminated = await watcher.AwaitOutput(l => l.StartsWith("terminated ", StringComparison.Ordinal), Recovery, "Terminated of the watched actor");
        Assert.Contains("address-terminated=True", terminated);
        await cluster.AwaitAllUp(cluster.Nodes.Take(2), Recovery);
    }

    [Fact]
    public async Task In_a_partition_of_two_against_one_the_single_member_downs_itself_and_the_two_remove_it()
    {
        await using var cluster = await MultiNodeCluster.Start(TestKitSettings, 3, Secret);
        var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
        foreach (var majority in new[] { a, b })
        {
            majority.Send($"blackhole {c.Address}");
            c.Send($"blackhole {majority.Address}");
        }

        await c.AwaitOutput(l => l == $"event MemberDowned {c.Address}", Recovery, "its own MemberDowned");
        Assert.Equal(0, await c.Process.WaitForExit(Recovery));
        foreach (var survivor in new[] { a, b })
            await survivor.AwaitOutput(l => l == $"event MemberRemoved {c.Address} Down", Recovery, "MemberRemoved of the cut-off member");
        await cluster.AwaitAllUp([a, b], Recovery);
    }

    [Fact]
    public async Task A_member_restarted_on_the_same_port_joins_as_a_new_incarnation_after_the_old_one_is_removed()
    {
        await using var cluster = await MultiNodeCluster.Start(TestKitSettings, 3, Secret);
        var old = cluster.Nodes[2];
        await old.Kill();
        var restarted = cluster.AddNode(old.Address.Port!.Value);
        Assert.Equal(old.Address, restarted.Address);
        await cluster.Nodes[0].AwaitOutput(l => l == $"event MemberRemoved {old.Address} Down", Recovery, "MemberRemoved of the old incarnation");
        await cluster.AwaitAllUp([cluster.Nodes[0], cluster.Nodes[1], restarted], Recovery);
    }
}
