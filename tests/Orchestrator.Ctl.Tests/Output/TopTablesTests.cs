using System.Text.Json.Nodes;
using Orchestrator.Ctl.Output;

namespace Orchestrator.Ctl.Tests.Output;

public sealed class TopTablesTests
{
    private static JsonNode PodMetrics(string ns, string name, params (string Container, string Cpu, string Memory)[] containers) => new JsonObject
    {
        ["apiVersion"] = "metrics.k8s.io/v1beta1",
        ["kind"] = "PodMetrics",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["containers"] = new JsonArray(containers.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Container,
            ["usage"] = new JsonObject { ["cpu"] = c.Cpu, ["memory"] = c.Memory },
        }).ToArray()),
    };

    [Fact]
    public void Pod_rows_sum_their_containers_in_millicores_and_mebibytes()
    {
        var table = TopTables.Pods([PodMetrics("default", "web", ("a", "2500u", "12Mi"), ("b", "1m", "512Ki")), PodMetrics("default", "db", ("m", "250m", "1Gi"))], false, false);

        Assert.Equal(
            "NAME   CPU(cores)   MEMORY(bytes)\n" +
            "db     250m         1024Mi\n" +
            "web    4m           12Mi\n",
            table.Render());
    }

    [Fact]
    public void With_containers_each_container_is_a_row_and_all_namespaces_adds_the_namespace_first()
    {
        var table = TopTables.Pods([PodMetrics("shop", "web", ("a", "3m", "20971520"), ("b", "0", "0"))], true, true);

        Assert.Equal(
            "NAMESPACE   POD   NAME   CPU(cores)   MEMORY(bytes)\n" +
            "shop        web   a      3m           20Mi\n" +
            "shop        web   b      0m           0Mi\n",
            table.Render());
    }

    [Fact]
    public void Node_rows_give_use_as_a_percentage_of_allocatable_and_a_node_without_metrics_is_unknown()
    {
        var nodes = new[]
        {
            JsonNode.Parse("""{"metadata": {"name": "n1"}, "status": {"allocatable": {"cpu": "2", "memory": "4Gi"}}}""")!,
            JsonNode.Parse("""{"metadata": {"name": "n2"}, "status": {"allocatable": {"cpu": "4", "memory": "8Gi"}}}""")!,
        };
        var metrics = new[] { JsonNode.Parse("""{"metadata": {"name": "n1"}, "usage": {"cpu": "500m", "memory": "1Gi"}}""")! };

        Assert.Equal(
            "NAME   CPU(cores)   CPU%        MEMORY(bytes)   MEMORY%\n" +
            "n1     500m         25%         1024Mi          25%\n" +
            "n2     <unknown>    <unknown>   <unknown>       <unknown>\n",
            TopTables.Nodes(nodes, metrics).Render());
    }
}
