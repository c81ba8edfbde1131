using System.CommandLine;
using Orchestrator.Actors.Admin;
using Orchestrator.Ctl.Connection;
using Orchestrator.Ctl.Output;

namespace Orchestrator.Ctl.Cli;

/// <summary><c>cluster members</c>: the control plane's cluster members and their states, as the console's member sees them.</summary>
public static class ClusterCommands
{
    /// <summary>The <c>cluster</c> command and its sub-commands.</summary>
    public static Command Build(CommandRunner runner)
    {
        var cluster = new Command("cluster", "Cluster membership.");
        var members = new Command("members", "List the cluster's members and their states (Joining, Up, Leaving, Exiting, Down; Unreachable), roles, the oldest and the leader.");
        var output = new Option<string?>("--output", "-o") { Description = "Output format: json or yaml (default: a table)." };
        members.Add(output);
        members.SetAction(parse => runner.Checked(async () =>
        {
            var format = OutputFormats.Parse(parse.GetValue(output));
            if (format == OutputFormat.Name) throw new CtlException("error: cluster members prints no names: use -o json or -o yaml, or no -o for the table");
            return await runner.WithConnection(parse, async connection =>
            {
                var report = await connection.Ask<ClusterMembersListed>(new GetClusterMembers()).ConfigureAwait(false);
                await runner.Context.Out.WriteAsync(ClusterMembersPrinter.Print(report, format)).ConfigureAwait(false);
                return 0;
            }).ConfigureAwait(false);
        }));
        cluster.Add(members);
        return cluster;
    }
}
