using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Ctl.Output;

/// <summary>
/// kubectl's <c>top</c> tables from metrics.k8s.io objects: CPU in millicores (<c>3m</c>), memory in mebibytes
/// (<c>12Mi</c>), and for nodes each as a percentage of the node's allocatable.
/// </summary>
public static class TopTables
{
    /// <summary>
    /// <c>NAME CPU(cores) MEMORY(bytes)</c> per PodMetrics (a <c>NAMESPACE</c> column first with <paramref name="allNamespaces"/>);
    /// with <paramref name="containers"/> one row per container: <c>POD NAME CPU(cores) MEMORY(bytes)</c>.
    /// </summary>
    public static Table Pods(IEnumerable<JsonNode> podMetrics, bool allNamespaces, bool containers)
    {
        var headers = new List<string>();
        if (allNamespaces) headers.Add("NAMESPACE");
        headers.AddRange(containers ? ["POD", "NAME"] : ["NAME"]);
        headers.AddRange(["CPU(cores)", "MEMORY(bytes)"]);
        var table = new Table(headers);
        foreach (var pod in podMetrics.OrderBy(p => Json.Str(p, "metadata.namespace"), StringComparer.Ordinal).ThenBy(p => Json.Str(p, "metadata.name"), StringComparer.Ordinal))
        {
            var prefix = allNamespaces ? new List<string> { Json.Str(pod, "metadata.namespace") ?? "" } : [];
            var name = Json.Str(pod, "metadata.name") ?? "";
            var rows = Json.Items(pod, "containers").ToList();
            if (containers)
            {
                foreach (var container in rows)
                    table.Add([.. prefix, name, Json.Str(container, "name") ?? "", Cpu(Milli(container, "usage.cpu")), Memory(Bytes(container, "usage.memory"))]);
            }
            else
            {
                table.Add([.. prefix, name, Cpu(rows.Sum(c => Milli(c, "usage.cpu"))), Memory(rows.Sum(c => Bytes(c, "usage.memory")))]);
            }
        }

        return table;
    }

    /// <summary>
    /// <c>NAME CPU(cores) CPU% MEMORY(bytes) MEMORY%</c> for each node; a node without NodeMetrics shows <c>&lt;unknown&gt;</c>
    /// as kubectl does.
    /// </summary>
    public static Table Nodes(IEnumerable<JsonNode> nodes, IEnumerable<JsonNode> nodeMetrics)
    {
        var metrics = nodeMetrics.ToDictionary(m => Json.Str(m, "metadata.name") ?? "", StringComparer.Ordinal);
        var table = new Table(["NAME", "CPU(cores)", "CPU%", "MEMORY(bytes)", "MEMORY%"]);
        foreach (var node in nodes.OrderBy(n => Json.Str(n, "metadata.name"), StringComparer.Ordinal))
        {
            var name = Json.Str(node, "metadata.name") ?? "";
            if (!metrics.TryGetValue(name, out var usage))
            {
                table.Add([name, "<unknown>", "<unknown>", "<unknown>", "<unknown>"]);
                continue;
            }

            var cpu = Milli(usage, "usage.cpu");
            var memory = Bytes(usage, "usage.memory");
            table.Add([name, Cpu(cpu), Percent(cpu, Milli(node, "status.allocatable.cpu")), Memory(memory), Percent(memory, Bytes(node, "status.allocatable.memory"))]);
        }

        return table;
    }

    private static string Cpu(long milli) => milli.ToString(CultureInfo.InvariantCulture) + "m";

    private static string Memory(long bytes) => (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + "Mi";

    private static string Percent(long used, long allocatable) =>
        allocatable <= 0 ? "<unknown>" : (used * 100 / allocatable).ToString(CultureInfo.InvariantCulture) + "%";

    private static long Milli(JsonNode node, string path) => Quantity.TryParse(Json.Str(node, path), out var q) ? q.MilliValue : 0;

    private static long Bytes(JsonNode node, string path) => Quantity.TryParse(Json.Str(node, path), out var q) ? q.Value : 0;
}
