using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Actors.Admin;
using Orchestrator.Ctl.Connection;
using Orchestrator.Ctl.Output;

namespace Orchestrator.Ctl.Cli;

/// <summary><c>describe</c>: an object's details and its recent Events.</summary>
public static class DescribeCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CommandRunner runner)
    {
        var command = new Command("describe", "Show details of a resource or group of resources, with their recent events.");
        var resources = new Argument<string[]>("resource") { Description = "TYPE [NAME...] or TYPE/NAME...", Arity = ArgumentArity.ZeroOrMore };
        var selector = new Option<string?>("--selector", "-l") { Description = "Label selector." };
        var allNamespaces = new Option<bool>("--all-namespaces", "-A") { Description = "Across all namespaces." };
        command.Add(selector);
        command.Add(allNamespaces);
        command.Add(resources);
        command.SetAction(parse => runner.Checked(async () =>
        {
            var targets = ResourceArgs.Parse(parse.GetValue(resources) ?? [], "describe");
            return await runner.WithConnection(parse, async connection =>
            {
                var failed = false;
                var printed = 0;
                foreach (var target in targets)
                {
                    var described = await connection.Ask<ObjectsDescribed>(new DescribeObjects(runner.Query(parse, target, parse.GetValue(allNamespaces), parse.GetValue(selector)))).ConfigureAwait(false);
                    if (described.Error is { } error) throw CtlException.Server(error);
                    foreach (var item in described.Objects)
                    {
                        if (printed++ > 0) await runner.Context.Out.WriteLineAsync().ConfigureAwait(false);
                        var events = item.Events.Select(e => (JsonObject)JsonNode.Parse(e)!).ToList();
                        await runner.Context.Out.WriteAsync(DescribePrinter.Print((JsonObject)JsonNode.Parse(item.Object)!, events, runner.Context.Now())).ConfigureAwait(false);
                    }

                    foreach (var missing in described.Errors)
                    {
                        failed = true;
                        await runner.Context.Error.WriteLineAsync(CtlException.Describe(missing)).ConfigureAwait(false);
                    }
                }

                if (printed == 0 && !failed) await runner.Context.Error.WriteLineAsync("No resources found").ConfigureAwait(false);
                return failed ? 1 : 0;
            }).ConfigureAwait(false);
        }));
        return command;
    }
}
