using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Actors.Admin;
using Orchestrator.Ctl.Connection;
using Orchestrator.Ctl.Output;

namespace Orchestrator.Ctl.Cli;

/// <summary>
/// <c>top pod</c> and <c>top node</c>: CPU and memory use from the PodMetrics and NodeMetrics the node agents write
/// (metrics.k8s.io/v1beta1, every <c>orchestrator.node-agent.metrics-interval</c>), read through the admin console.
/// </summary>
public static class TopCommand
{
    /// <summary>The <c>top</c> command with <c>pod</c> and <c>node</c>.</summary>
    public static Command Build(CommandRunner runner)
    {
        var top = new Command("top", "Display resource (CPU/memory) usage of pods or nodes.");
        top.Add(Pods(runner));
        top.Add(Nodes(runner));
        return top;
    }

    private static Command Pods(CommandRunner runner)
    {
        var command = new Command("pod", "Display resource (CPU/memory) usage of pods.");
        command.Aliases.Add("pods");
        command.Aliases.Add("po");
        var names = new Argument<string[]>("name") { Arity = ArgumentArity.ZeroOrMore, Description = "Pods by name; none = all." };
        var allNamespaces = new Option<bool>("--all-namespaces", "-A") { Description = "Pods of every namespace." };
        var selector = new Option<string?>("--selector", "-l") { Description = "Label selector, e.g. -l app=web." };
        var containers = new Option<bool>("--containers") { Description = "One row per container." };
        var noHeaders = new Option<bool>("--no-headers") { Description = "Print the table without the header line." };
        foreach (var option in new Option[] { allNamespaces, selector, containers, noHeaders }) command.Add(option);
        command.Add(names);
        command.SetAction(parse => runner.WithConnection(parse, async connection =>
        {
            var all = parse.GetValue(allNamespaces);
            var query = new ResourceQuery("pods.metrics.k8s.io", parse.GetValue(runner.Global.Namespace), all, parse.GetValue(names), parse.GetValue(selector));
            var metrics = await Items(connection, query).ConfigureAwait(false);
            if (metrics.Count == 0)
            {
                var pods = await Items(connection, query with { Resource = "pods" }).ConfigureAwait(false);
                if (pods.Count > 0) throw new CtlException("error: metrics not available yet");
                var ns = parse.GetValue(runner.Global.Namespace) ?? "default";
                await runner.Context.Error.WriteLineAsync(all ? "No resources found" : $"No resources found in {ns} namespace.").ConfigureAwait(false);
                return 0;
            }

            var table = TopTables.Pods(metrics, all, parse.GetValue(containers));
            await runner.Context.Out.WriteAsync(table.Render(!parse.GetValue(noHeaders))).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static Command Nodes(CommandRunner runner)
    {
        var command = new Command("node", "Display resource (CPU/memory) usage of nodes.");
        command.Aliases.Add("nodes");
        command.Aliases.Add("no");
        var names = new Argument<string[]>("name") { Arity = ArgumentArity.ZeroOrMore, Description = "Nodes by name; none = all." };
        var selector = new Option<string?>("--selector", "-l") { Description = "Label selector, e.g. -l kubernetes.io/os=linux." };
        var noHeaders = new Option<bool>("--no-headers") { Description = "Print the table without the header line." };
        command.Add(selector);
        command.Add(noHeaders);
        command.Add(names);
        command.SetAction(parse => runner.WithConnection(parse, async connection =>
        {
            var query = new ResourceQuery("nodes", null, false, parse.GetValue(names), parse.GetValue(selector));
            var nodes = await Items(connection, query).ConfigureAwait(false);
            var metrics = await Items(connection, query with { Resource = "nodes.metrics.k8s.io", LabelSelector = null }).ConfigureAwait(false);
            if (metrics.Count == 0) throw new CtlException("error: metrics not available yet");
            var table = TopTables.Nodes(nodes, metrics);
            await runner.Context.Out.WriteAsync(table.Render(!parse.GetValue(noHeaders))).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static async Task<IReadOnlyList<JsonNode>> Items(AdminConnection connection, ResourceQuery query)
    {
        var found = await connection.Ask<ObjectsFound>(new GetObjects(query)).ConfigureAwait(false);
        if (found.Error is { } error) throw CtlException.Server(error);
        if (found.Errors.Count > 0 && query.Resource.Contains("metrics", StringComparison.Ordinal))
            throw new CtlException($"error: metrics not available yet for {string.Join(", ", query.Names ?? [])}");
        if (found.Errors.Count > 0) throw CtlException.Server(found.Errors[0]);
        return found.Items.Select(i => JsonNode.Parse(i)!).ToList();
    }
}
