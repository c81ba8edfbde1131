using System.CommandLine;
using Orchestrator.Actors.Admin;
using Orchestrator.Actors.NodeApi;
using Orchestrator.Ctl.Connection;

namespace Orchestrator.Ctl.Cli;

/// <summary>
/// <c>logs POD|TYPE/NAME [-c CONTAINER] [-f] [-p] [--tail N] [--timestamps] [--since D]</c>: a container's output, read by
/// the pod's node agent and relayed by the admin console. Both of the container's streams go to stdout, as with kubectl.
/// </summary>
public static class LogsCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CommandRunner runner)
    {
        var command = new Command("logs", "Print the logs for a container in a pod (or in the first pod of a deployment, replicaset, statefulset, daemonset or job).");
        var target = PodArgs.Target();
        var container = PodArgs.Container();
        var follow = new Option<bool>("--follow", "-f") { Description = "Stream the logs until the container stops (Ctrl-C ends it)." };
        var previous = new Option<bool>("--previous", "-p") { Description = "The logs of the previous, terminated instance of the container." };
        var tail = new Option<int>("--tail") { Description = "Lines from the end to show; -1 = all.", DefaultValueFactory = _ => -1 };
        var timestamps = new Option<bool>("--timestamps") { Description = "Prefix each line with its RFC 3339 timestamp." };
        var since = new Option<string?>("--since") { Description = "Only logs newer than this duration, e.g. 10s, 5m, 1h." };
        foreach (var option in new Option[] { container, follow, previous, tail, timestamps, since }) command.Add(option);
        command.Add(target);
        command.SetAction((parse, cancel) => runner.Checked(async () =>
        {
            var sinceText = parse.GetValue(since);
            long? sinceSeconds = sinceText is null ? null : (long)Math.Ceiling(DurationArg.Parse(sinceText, "since").TotalSeconds);
            var tailLines = parse.GetValue(tail);
            var options = new GetContainerLogs("", "", "", parse.GetValue(previous), tailLines >= 0 ? tailLines : null,
                parse.GetValue(follow), parse.GetValue(timestamps), sinceSeconds);
            var request = new PodLogs(parse.GetValue(target)!, parse.GetValue(runner.Global.Namespace), parse.GetValue(container), options);
            return await runner.WithConnection(parse, connection => Stream(runner.Context, connection, request, cancel)).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> Stream(CtlContext context, AdminConnection connection, PodLogs request, CancellationToken cancel)
    {
        await using var stream = RelayStream.Open(connection, request);
        await foreach (var message in stream.ReadAnswersAsync(context.Error, cancel).ConfigureAwait(false))
        {
            switch (message)
            {
                case LogChunk chunk:
                    await context.Out.WriteAsync(chunk.Text).ConfigureAwait(false);
                    if (request.Options.Follow) await context.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    break;
                case LogsFailed failed:
                    throw new CtlException("error: " + failed.Message);
            }
        }

        return 0;
    }
}
