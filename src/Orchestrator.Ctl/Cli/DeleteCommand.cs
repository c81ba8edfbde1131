using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Actors.Admin;
using Orchestrator.Ctl.Connection;
using Orchestrator.Ctl.Manifests;

namespace Orchestrator.Ctl.Cli;

/// <summary><c>delete</c>: by file, by name, by label selector, or <c>--all</c>, with a cascade policy.</summary>
public static class DeleteCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CommandRunner runner)
    {
        var command = new Command("delete", "Delete resources by file names, stdin, resources and names, or by resources and label selector.");
        var resources = new Argument<string[]>("resource") { Description = "TYPE [NAME...] or TYPE/NAME...", Arity = ArgumentArity.ZeroOrMore };
        var files = FileOptions.Files();
        var recursive = FileOptions.Recursive();
        var selector = new Option<string?>("--selector", "-l") { Description = "Label selector." };
        var all = new Option<bool>("--all") { Description = "Delete every object of the type in the namespace." };
        var allNamespaces = new Option<bool>("--all-namespaces", "-A") { Description = "With -l or --all: across all namespaces." };
        var cascade = new Option<string>("--cascade") { Description = "background, foreground or orphan.", DefaultValueFactory = _ => "background" };
        var grace = new Option<long>("--grace-period") { Description = "Seconds given to the object to end gracefully; -1 = its own default.", DefaultValueFactory = _ => -1 };
        var now = new Option<bool>("--now") { Description = "Signal the pods to stop at once (grace period 1)." };
        foreach (var option in new Option[] { files, recursive, selector, all, allNamespaces, cascade, grace, now }) command.Add(option);
        command.Add(resources);
        command.SetAction(parse => runner.Checked(async () =>
        {
            var gracePeriod = parse.GetValue(now) ? 1 : parse.GetValue(grace) is var g and >= 0 ? g : (long?)null;
            var requests = new List<DeleteObjects>();
            var fromFiles = parse.GetValue(files) ?? [];
            if (fromFiles.Length > 0)
            {
                foreach (var obj in ManifestSource.Read(fromFiles, parse.GetValue(recursive), runner.Context.In))
                {
                    var node = JsonNode.Parse(obj.Json)!;
                    var target = new ResourceTarget(node["kind"]!.GetValue<string>(), [node["metadata"]?["name"]?.GetValue<string>() ?? ""]);
                    requests.Add(new DeleteObjects(runner.Query(parse, target) with { Namespace = node["metadata"]?["namespace"]?.GetValue<string>() ?? parse.GetValue(runner.Global.Namespace) },
                        false, parse.GetValue(cascade)!, gracePeriod));
                }
            }
            else
            {
                foreach (var target in ResourceArgs.Parse(parse.GetValue(resources) ?? [], "delete"))
                {
                    if (target.Names.Count == 0 && !parse.GetValue(all) && parse.GetValue(selector) is null)
                        throw new CtlException("error: resource(s) were provided, but no name was specified");
                    requests.Add(new DeleteObjects(runner.Query(parse, target, parse.GetValue(allNamespaces), parse.GetValue(selector)), parse.GetValue(all), parse.GetValue(cascade)!, gracePeriod));
                }
            }

            return await runner.WithConnection(parse, async connection =>
            {
                var status = 0;
                var deleted = 0;
                foreach (var request in requests)
                {
                    var result = await connection.Ask<AdminResult>(request).ConfigureAwait(false);
                    deleted += result.Outcomes.Count(o => o.Error is null);
                    status |= runner.Report(result, o => $"{o.Resource} \"{o.Name}\" deleted");
                }

                if (deleted == 0 && status == 0) await runner.Context.Error.WriteLineAsync("No resources found").ConfigureAwait(false);
                return status;
            }).ConfigureAwait(false);
        }));
        return command;
    }
}
