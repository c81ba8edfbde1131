using System.CommandLine;
using Orchestrator.Actors.Admin;
using Orchestrator.Ctl.Connection;

namespace Orchestrator.Ctl.Cli;

/// <summary><c>scale</c>, <c>label</c> and <c>annotate</c>.</summary>
public static class ChangeCommands
{
    /// <summary>The three commands.</summary>
    public static IEnumerable<Command> Build(CommandRunner runner)
    {
        yield return Scale(runner);
        yield return Metadata(runner, "label", annotations: false, "Update the labels on a resource: KEY=VALUE to set, KEY- to remove.");
        yield return Metadata(runner, "annotate", annotations: true, "Update the annotations on a resource: KEY=VALUE to set, KEY- to remove.");
    }

    private static Command Scale(CommandRunner runner)
    {
        var command = new Command("scale", "Set a new size for a deployment, replica set or stateful set.");
        var resources = new Argument<string[]>("resource") { Description = "TYPE NAME or TYPE/NAME", Arity = ArgumentArity.ZeroOrMore };
        var replicas = new Option<int>("--replicas") { Description = "The new number of replicas.", Required = true };
        command.Add(replicas);
        command.Add(resources);
        command.SetAction(parse => runner.Checked(async () =>
        {
            var targets = ResourceArgs.Parse(parse.GetValue(resources) ?? [], "scale");
            return await runner.WithConnection(parse, async connection =>
            {
                var status = 0;
                foreach (var target in targets)
                    status |= runner.Report(await connection.Ask<AdminResult>(new ScaleObjects(runner.Query(parse, target), parse.GetValue(replicas))).ConfigureAwait(false));
                return status;
            }).ConfigureAwait(false);
        }));
        return command;
    }

    private static Command Metadata(CommandRunner runner, string name, bool annotations, string description)
    {
        var command = new Command(name, description);
        var args = new Argument<string[]>("args") { Description = "TYPE NAME KEY=VALUE... KEY-...", Arity = ArgumentArity.OneOrMore };
        var overwrite = new Option<bool>("--overwrite") { Description = "Allow replacing existing values." };
        var selector = new Option<string?>("--selector", "-l") { Description = "Label selector." };
        var all = new Option<bool>("--all") { Description = "Every object of the type in the namespace." };
        command.Add(overwrite);
        command.Add(selector);
        command.Add(all);
        command.Add(args);
        command.SetAction(parse => runner.Checked(async () =>
        {
            var (targetArgs, changes) = SplitChanges(parse.GetValue(args) ?? []);
            var targets = ResourceArgs.Parse(targetArgs, name);
            if (targets.Any(t => t.Names.Count == 0) && parse.GetValue(selector) is null && !parse.GetValue(all))
                throw new CtlException("error: resource(s) were provided, but no name was specified");
            return await runner.WithConnection(parse, async connection =>
            {
                var status = 0;
                foreach (var target in targets)
                {
                    var request = new ChangeMetadata(runner.Query(parse, target, labelSelector: parse.GetValue(selector)), annotations, changes, parse.GetValue(overwrite));
                    status |= runner.Report(await connection.Ask<AdminResult>(request).ConfigureAwait(false));
                }

                return status;
            }).ConfigureAwait(false);
        }));
        return command;
    }

    /// <summary>Separates <c>KEY=VALUE</c> and <c>KEY-</c> arguments from the resource arguments before them.</summary>
    public static (IReadOnlyList<string> Targets, IReadOnlyDictionary<string, string?> Changes) SplitChanges(IReadOnlyList<string> args)
    {
        var targets = new List<string>();
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var arg in args)
        {
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0) changes[arg[..equals]] = arg[(equals + 1)..];
            else if (arg.EndsWith('-') && arg.Length > 1 && !arg.Contains('/')) changes[arg[..^1]] = null;
            else if (changes.Count > 0) throw new CtlException($"error: all resources must be specified before label changes: {arg}");
            else targets.Add(arg);
        }

        if (changes.Count == 0) throw new CtlException("error: at least one label update is required");
        return (targets, changes);
    }
}
