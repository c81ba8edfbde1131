using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Actors.Admin;
using Orchestrator.Ctl.Connection;
using Orchestrator.Ctl.Output;

namespace Orchestrator.Ctl.Cli;

/// <summary><c>rollout status|history|undo|restart|pause|resume</c> for Deployments.</summary>
public static class RolloutCommands
{
    /// <summary>The <c>rollout</c> command with its subcommands.</summary>
    public static Command Build(CommandRunner runner)
    {
        var rollout = new Command("rollout", "Manage the rollout of a deployment.");
        rollout.Add(Status(runner));
        rollout.Add(History(runner));
        rollout.Add(Action(runner, "undo", RolloutAction.Undo, "Roll back to a previous revision (the one before the current by default)."));
        rollout.Add(Action(runner, "restart", RolloutAction.Restart, "Restart a deployment: replace every pod through a rollout."));
        rollout.Add(Action(runner, "pause", RolloutAction.Pause, "Pause a deployment: template changes do not roll out until resumed."));
        rollout.Add(Action(runner, "resume", RolloutAction.Resume, "Resume a paused deployment."));
        return rollout;
    }

    private static Argument<string[]> Resources() => new("resource") { Description = "deployment NAME or deployment/NAME", Arity = ArgumentArity.OneOrMore };

    private static Command Action(CommandRunner runner, string name, RolloutAction action, string description)
    {
        var command = new Command(name, description);
        var resources = Resources();
        var toRevision = new Option<long>("--to-revision") { Description = "The revision to roll back to; 0 = the previous one." };
        if (action == RolloutAction.Undo) command.Add(toRevision);
        command.Add(resources);
        command.SetAction(parse => runner.Checked(async () =>
        {
            var targets = ResourceArgs.Parse(parse.GetValue(resources) ?? [], $"rollout {name}");
            return await runner.WithConnection(parse, async connection =>
            {
                var status = 0;
                foreach (var target in targets)
                {
                    var revision = parse.GetValue(toRevision);
                    var result = await connection.Ask<AdminResult>(new RolloutCommand(runner.Query(parse, target), action, revision > 0 ? revision : null)).ConfigureAwait(false);
                    status |= runner.Report(result);
                }

                return status;
            }).ConfigureAwait(false);
        }));
        return command;
    }

    private static Command History(CommandRunner runner)
    {
        var command = new Command("history", "View the rollout history of a deployment.");
        var resources = Resources();
        command.Add(resources);
        command.SetAction(parse => runner.Checked(async () =>
        {
            var target = ResourceArgs.Parse(parse.GetValue(resources) ?? [], "rollout history")[0];
            return await runner.WithConnection(parse, async connection =>
            {
                var reply = await connection.Ask<object>(new RolloutCommand(runner.Query(parse, target), RolloutAction.History)).ConfigureAwait(false);
                if (reply is AdminResult failed) return runner.Report(failed);
                var history = (RolloutHistory)reply;
                if (history.Error is { } error) throw CtlException.Server(error);
                var table = new Table(["REVISION", "CHANGE-CAUSE"]);
                foreach (var revision in history.Revisions) table.Add([revision.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture), revision.ChangeCause ?? "<none>"]);
                await runner.Context.Out.WriteAsync($"deployment.apps/{history.Name}\n{table.Render()}\n").ConfigureAwait(false);
                return 0;
            }).ConfigureAwait(false);
        }));
        return command;
    }

    private static Command Status(CommandRunner runner)
    {
        var command = new Command("status", "Show the status of a rollout and wait for it to finish.");
        var resources = Resources();
        var watch = new Option<bool>("--watch", "-w") { Description = "Wait until the rollout finishes.", DefaultValueFactory = _ => true };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait before giving up; 0 = forever.", DefaultValueFactory = _ => 0 };
        command.Add(watch);
        command.Add(timeout);
        command.Add(resources);
        command.SetAction((parse, cancel) => runner.Checked(async () =>
        {
            var target = ResourceArgs.Parse(parse.GetValue(resources) ?? [], "rollout status")[0];
            var seconds = parse.GetValue(timeout);
            var deadline = seconds > 0 ? DateTimeOffset.UtcNow.AddSeconds(seconds) : DateTimeOffset.MaxValue;
            return await runner.WithConnection(parse, async connection =>
            {
                string? last = null;
                while (!cancel.IsCancellationRequested)
                {
                    var found = await connection.Ask<ObjectsFound>(new GetObjects(runner.Query(parse, target))).ConfigureAwait(false);
                    if (found.Error is { } error) throw CtlException.Server(error);
                    if (found.Errors.Count > 0) throw CtlException.Server(found.Errors[0]);
                    if (found.Kind != "Deployment") throw new CtlException($"error: rollout status is supported for deployments only, not {found.Kind}");
                    var (message, done) = RolloutProgress.Of(JsonNode.Parse(found.Items[0])!);
                    if (message != last) await runner.Context.Out.WriteLineAsync(message).ConfigureAwait(false);
                    last = message;
                    if (done || !parse.GetValue(watch)) return 0;
                    if (DateTimeOffset.UtcNow >= deadline) throw new CtlException("error: timed out waiting for the condition");
                    await Task.Delay(TimeSpan.FromSeconds(1), cancel).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                }

                return 1;
            }).ConfigureAwait(false);
        }));
        return command;
    }
}

/// <summary>kubectl's rollout status messages for a Deployment, and whether the rollout is complete.</summary>
public static class RolloutProgress
{
    /// <summary>The message for the Deployment's current state.</summary>
    public static (string Message, bool Done) Of(JsonNode deployment)
    {
        var name = Json.Str(deployment, "metadata.name");
        if (Json.Int(deployment, "metadata.generation") > Json.Int(deployment, "status.observedGeneration"))
            return ("Waiting for deployment spec update to be observed...", false);
        var progressing = Json.Items(deployment, "status.conditions").FirstOrDefault(c => Json.Str(c, "type") == "Progressing");
        if (progressing is not null && Json.Str(progressing, "reason") == "ProgressDeadlineExceeded")
            throw new CtlException($"error: deployment \"{name}\" exceeded its progress deadline");
        var desired = Json.Int(deployment, "spec.replicas", 1);
        var updated = Json.Int(deployment, "status.updatedReplicas");
        var replicas = Json.Int(deployment, "status.replicas");
        var available = Json.Int(deployment, "status.availableReplicas");
        if (updated < desired)
            return ($"Waiting for deployment \"{name}\" rollout to finish: {updated} out of {desired} new replicas have been updated...", false);
        if (replicas > updated)
            return ($"Waiting for deployment \"{name}\" rollout to finish: {replicas - updated} old replicas are pending termination...", false);
        if (available < updated)
            return ($"Waiting for deployment \"{name}\" rollout to finish: {available} of {updated} updated replicas are available...", false);
        return ($"deployment \"{name}\" successfully rolled out", true);
    }
}
