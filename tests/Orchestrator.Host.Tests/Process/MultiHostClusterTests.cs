using System.Text.Json.Nodes;

namespace Orchestrator.Host.Tests.Process;

/// <summary>
/// Several real <c>orch host</c> processes on one machine (ports of their own, one PostgreSQL journal with a table
/// prefix of this run): they form one cluster, any member serves every object, and the scheduler and controllers
/// (cluster singletons on the oldest member) move to a survivor when that member leaves (SIGTERM) or dies (kill -9).
/// No node runs, so pods stay Pending; that the ReplicaSet controller created them is what shows the controllers work.
/// </summary>
public sealed class MultiHostClusterTests : TestKit.TestKit
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: NAME}
        spec:
          replicas: 2
          selector: {matchLabels: {app: NAME}}
          template:
            metadata: {labels: {app: NAME}}
            spec:
              containers: [{name: web, image: nginx}]
        """;

    private readonly PostgresJournal _journal = new();
    private readonly List<OrchUp> _hosts = [];
    private readonly Dictionary<string, string> _environment;

    public MultiHostClusterTests()
    {
        _environment = new Dictionary<string, string>(_journal.Environment) { ["ORCH_CLUSTER_SECRET"] = "multi-host-" + _journal.Prefix };
    }

    [Fact]
    public async Task Two_hosts_are_one_cluster_and_the_controllers_move_to_the_survivor_when_the_oldest_leaves()
    {
        var a = await StartHost();
        var b = await StartHost(a);
        await AwaitMembers(a, [a, b]);
        // The leader is the member with the lowest address, which the free ports decide; the oldest is the first host.
        var table = await a.Ctl("cluster", "members");
        Assert.Matches($@"(?m)^{a.Address.Replace(".", @"\.", StringComparison.Ordinal)}\s+Up\s+control-plane\s+1\s+oldest,(leader,)?answering$", table.Stdout);
        Assert.Matches($@"(?m)^{b.Address.Replace(".", @"\.", StringComparison.Ordinal)}\s+Up\s+control-plane\s+2(\s+leader)?$", table.Stdout);

        await Apply(b, "web");
        await AwaitPods(a, "web", 2);
        // resourceVersion is the shared journal's ordering: a later write through either host has a higher one.
        var first = await ConfigMapVersion(a, "first");
        var second = await ConfigMapVersion(b, "second");
        var third = await ConfigMapVersion(a, "third");
        Assert.True(first < second && second < third, $"{first}, {second}, {third}");

        Assert.Equal(0, await a.StopAsync());
        Assert.Contains("orch host: stopped (SIGTERM received)", a.Output);
        await AwaitMembers(b, [b]);
        await Apply(b, "after-leave");
        await AwaitPods(b, "after-leave", 2);
    }

    [Fact]
    public async Task When_the_oldest_of_three_hosts_is_killed_the_others_down_it_and_run_the_controllers()
    {
        var a = await StartHost();
        var b = await StartHost(a);
        var c = await StartHost(a);
        await AwaitMembers(c, [a, b, c]);
        await Apply(c, "before-kill");
        await AwaitPods(b, "before-kill", 2);

        a.Process.Kill();
        await a.Process.WaitForExitAsync();
        await AwaitMembers(b, [b, c]);
        await AwaitMembers(c, [b, c]);
        await Apply(c, "after-kill");
        await AwaitPods(b, "after-kill", 2);
        await AwaitPods(c, "before-kill", 2);
    }

    private async Task<OrchUp> StartHost(OrchUp? seed = null)
    {
        string[] args = seed is null
            ? ["host", "--config", "host.conf", "--port", "0"]
            : ["host", "--config", "host.conf", "--port", "0", "--seed", seed.HostPort];
        var host = await OrchUp.StartCommandAsync(args, _environment, _journal.WriteHostConf);
        _hosts.Add(host);
        return host;
    }

    private static async Task Apply(OrchUp host, string name)
    {
        var applied = await host.CtlWithInput(Deployment.Replace("NAME", name, StringComparison.Ordinal), "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());
    }

    private static async Task<long> ConfigMapVersion(OrchUp host, string name)
    {
        var created = await host.CtlWithInput($"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: {name}}}\n", "create", "-f", "-");
        Assert.True(created.ExitCode == 0, created.ToString());
        var json = await host.Ctl("get", "cm", name, "-o", "json");
        return long.Parse(JsonNode.Parse(json.Stdout)!["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until <paramref name="asked"/> lists exactly <paramref name="expected"/>, every one Up and reachable.</summary>
    private async Task AwaitMembers(OrchUp asked, IReadOnlyList<OrchUp> expected) =>
        await AwaitAssertAsync(async () =>
        {
            var result = await asked.Ctl("cluster", "members", "-o", "json");
            Assert.True(result.ExitCode == 0, result.ToString());
            var members = JsonNode.Parse(result.Stdout)!["members"]!.AsArray();
            Assert.Equal(expected.Select(h => h.Address).Order(StringComparer.Ordinal), members.Select(m => m!["address"]!.GetValue<string>()).Order(StringComparer.Ordinal));
            Assert.All(members, m => Assert.Equal(("Up", true), (m!["status"]!.GetValue<string>(), m["reachable"]!.GetValue<bool>())));
            Assert.Single(members, m => m!["oldest"]!.GetValue<bool>());
        }, Dilated(TimeSpan.FromSeconds(60)), TimeSpan.FromSeconds(1));

    /// <summary>Waits until <paramref name="asked"/> lists <paramref name="count"/> pods of the Deployment <paramref name="app"/>, owned by its ReplicaSet.</summary>
    private async Task AwaitPods(OrchUp asked, string app, int count) =>
        await AwaitAssertAsync(async () =>
        {
            var result = await asked.Ctl("get", "pods", "-l", "app=" + app, "-o", "json");
            Assert.True(result.ExitCode == 0, result.ToString());
            var pods = JsonNode.Parse(result.Stdout)!["items"]!.AsArray();
            Assert.Equal(count, pods.Count);
            Assert.All(pods, p => Assert.Equal("ReplicaSet", p!["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>()));
        }, Dilated(TimeSpan.FromSeconds(60)), TimeSpan.FromSeconds(1));

    public override async Task DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts)) await host.DisposeAsync();
        await _journal.DisposeAsync();
        await base.DisposeAsync();
    }
}
