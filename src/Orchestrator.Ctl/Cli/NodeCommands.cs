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
        var command = new Command("drain", "Cordon a node and evict its pods, in preparation for maintenance.");
        var node = new Argument<string>("node") { Description = "The node's name." };
        var ignoreDaemonSets = new Option<bool>("--ignore-daemonsets") { Description = "Skip pods managed by a DaemonSet." };
        var force = new Option<bool>("--force") { Description = "Also evict pods no controller manages (they are not recreated)." };
        var grace = new Option<long>("--grace-period") { Description = "Seconds each pod gets to end; -1 = its own.", DefaultValueFactory = _ => -1 };
        command.Add(ignoreDaemonSets);
        command.Add(force);
        command.Add(grace);
        command.Add(node);
        command.SetAction(parse => runner.WithConnection(parse, async connection =>
        {
            var name = parse.GetValue(node)!;
            var gracePeriod = parse.GetValue(grace) is var g and >= 0 ? g : (long?)null;
            var result = await connection.Ask<AdminResult>(new DrainNode(name, parse.GetValue(ignoreDaemonSets), parse.GetValue(force), gracePeriod), connection.Timeout * 4).ConfigureAwait(false);
            foreach (var evicted in result.Outcomes.Where(o => o.Action == "evicted"))
                await runner.Context.Out.WriteLineAsync($"evicting pod {evicted.Namespace}/{evicted.Name}").ConfigureAwait(false);
            var status = runner.Report(result);
            if (status == 0) await runner.Context.Out.WriteLineAsync($"node/{name} drained").ConfigureAwait(false);
            return status;
        }));
        return command;
    }
}
