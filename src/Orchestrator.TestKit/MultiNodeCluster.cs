using Orchestrator.Runtime;

namespace Orchestrator.TestKit;

/// <summary>
/// A cluster of 3 to 5 (or more) separate OS processes of the test node program on 127.0.0.1: the first starts
/// the cluster, the others join through it. Every process is killed when the cluster is disposed.
/// </summary>
public sealed class MultiNodeCluster : IAsyncDisposable
{
    private readonly List<ClusterNodeProcess> _nodes = [];
    private readonly TestKitSettings _settings;
    private readonly string _secret;
    private readonly string _extraConfig;

    private MultiNodeCluster(TestKitSettings settings, string secret, string extraConfig)
    {
        _settings = settings;
        _secret = secret;
        _extraConfig = extraConfig;
    }

    /// <summary>The members started so far (also those killed or exited), in start order.</summary>
    public IReadOnlyList<ClusterNodeProcess> Nodes => _nodes;

    /// <summary>
    /// Starts <paramref name="count"/> members and waits until every one of them sees all of them Up.
    /// <paramref name="extraConfig"/> (HOCON) applies to every member.
    /// </summary>
    public static async Task<MultiNodeCluster> Start(TestKitSettings settings, int count, string secret, string extraConfig = "")
    {
        var cluster = new MultiNodeCluster(settings, secret, extraConfig);
        try
        {
            for (var i = 0; i < count; i++) cluster.AddNode();
            await cluster.AwaitAllUp(cluster.Nodes, TimeSpan.FromSeconds(60));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more member joining through the first (or starting the cluster if it is the first), on <paramref name="port"/> (0: any).</summary>
    public ClusterNodeProcess AddNode(int port = 0)
    {
        var seeds = _nodes.Count == 0 ? [] : new[] { _nodes[0].Address };
        var node = ClusterNodeProcess.Start(_settings, _secret, seeds, port, _extraConfig);
        _nodes.Add(node);
        return node;
    }

    /// <summary>Waits until each of <paramref name="observers"/> sees exactly <paramref name="members"/>, all Up.</summary>
    public async Task AwaitAllUp(IEnumerable<ClusterNodeProcess> members, TimeSpan timeout, IEnumerable<ClusterNodeProcess>? observers = null)
    {
        var addresses = members.Select(m => m.Address).ToArray();
        foreach (var observer in observers ?? members)
            await observer.AwaitState(v => v.AllUp(addresses), timeout, $"all of {string.Join(", ", addresses.Select(a => a.Port))} Up");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync();
    }
}
