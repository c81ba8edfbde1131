using System.CommandLine;
using Orchestrator.Actors.Admin;

namespace Orchestrator.Ctl.Cli;

/// <summary><c>cordon</c>, <c>uncordon</c> and <c>drain</c>.</summary>
public static class NodeCommands
{
    /// <summary>The three commands.</summary>
    public static IEnumerable<Command> Build(CommandRunner runner)
    {
        yield return Cordon(runner, "cordon", true, "Mark a node as unschedulable.");
        yield return Cordon(runner, "uncordon", false, "Mark a node as schedulable.");
        yield return Drain(runner);
    }

    private static Command Cordon(CommandRunner runner, string name, bool unschedulable, string description)
    {
        var command = new Command(name, description);
        var node = new Argument<string>("node") { Description = "The node's name." };
        command.Add(node);
        command.SetAction(parse => runner.WithConnection(parse, async connection =>
            runner.Report(await connection.Ask<AdminResult>(new CordonNode(parse.GetValue(node)!, unschedulable)).ConfigureAwait(false))));
        return command;
    }

    private static Command Drain(CommandRunner runner)
    {
        var command = new Command("drain", "Cordon a node, evict its pods and wait until they are gone, in preparation for maintenance.");
        var node = new Argument<string>("node") { Description = "The node's name." };
        var ignoreDaemonSets = new Option<bool>("--ignore-daemonsets") { Description = "Skip pods managed by a DaemonSet." };
        var force = new Option<bool>("--force") { Description = "Also evict pods no controller manages (they are not recreated)." };
        var grace = new Option<long>("--grace-period") { Description = "Seconds each pod gets to end; -1 = its own.", DefaultValueFactory = _ => -1 };
        var timeout = new Option<string>("--timeout") { Description = "How long to wait for the evicted pods to be gone, e.g. 90s or 5m; 0 = forever.", DefaultValueFactory = _ => "0s" };
        command.Add(ignoreDaemonSets);
        command.Add(force);
        command.Add(grace);
        command.Add(timeout);
        command.Add(node);
        command.SetAction((parse, cancel) => runner.Checked(async () =>
        {
            var wait = DurationArg.Parse(parse.GetValue(timeout)!, "timeout");
            return await runner.WithConnection(parse, async connection =>
            {
                var name = parse.GetValue(node)!;
                var gracePeriod = parse.GetValue(grace) is var g and >= 0 ? g : (long?)null;
                var result = await connection.Ask<AdminResult>(new DrainNode(name, parse.GetValue(ignoreDaemonSets), parse.GetValue(force), gracePeriod), connection.Timeout * 4).ConfigureAwait(false);
                var evicted = result.Outcomes.Where(o => o.Action == "evicted" && o.Error is null).ToList();
                var status = runner.Report(result with { Outcomes = result.Outcomes.Where(o => o.Action != "evicted" || o.Error is not null).ToList() });
                foreach (var pod in evicted)
                    await runner.Context.Out.WriteLineAsync($"evicting pod {pod.Namespace}/{pod.Name}").ConfigureAwait(false);
                if (status != 0) return status;
                await DrainWait.UntilGoneAsync(runner, connection, name, evicted, wait, cancel).ConfigureAwait(false);
                await runner.Context.Out.WriteLineAsync($"node/{name} drained").ConfigureAwait(false);
                return 0;
            }).ConfigureAwait(false);
        }));
        return command;
    }
}
