using System.CommandLine;
using System.Text.Json.Nodes;
using Orchestrator.Actors.Admin;
using Orchestrator.Ctl.Connection;
using Orchestrator.Ctl.Output;
using Orchestrator.Model.Registry;

namespace Orchestrator.Ctl.Cli;

/// <summary><c>get</c>: tables, wide tables, YAML, JSON or names of one or more kinds; <c>-w</c> streams changes.</summary>
public static class GetCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CommandRunner runner)
    {
        var command = new Command("get", "Display one or many resources.");
        var resources = new Argument<string[]>("resource") { Description = "TYPE [NAME...], TYPE/NAME..., or TYPE1,TYPE2", Arity = ArgumentArity.ZeroOrMore };
        var allNamespaces = new Option<bool>("--all-namespaces", "-A") { Description = "List the requested objects across all namespaces." };
        var selector = new Option<string?>("--selector", "-l") { Description = "Label selector, e.g. -l app=web,tier!=db." };
        var fieldSelector = new Option<string?>("--field-selector") { Description = "Field selector, e.g. --field-selector spec.nodeName=n1." };
        var output = new Option<string?>("--output", "-o") { Description = "Output format: wide, yaml, json or name." };
        var watch = new Option<bool>("--watch", "-w") { Description = "After listing, watch for changes." };
        var noHeaders = new Option<bool>("--no-headers") { Description = "Print tables without the header line." };
        foreach (var option in new Option[] { allNamespaces, selector, fieldSelector, output, watch, noHeaders }) command.Add(option);
        command.Add(resources);
        command.SetAction((parse, cancel) => runner.Checked(async () =>
        {
            var format = OutputFormats.Parse(parse.GetValue(output));
            var targets = ResourceArgs.Parse(parse.GetValue(resources) ?? [], "get");
            var options = new GetOptions(format, parse.GetValue(allNamespaces), parse.GetValue(selector), parse.GetValue(fieldSelector), parse.GetValue(noHeaders));
            if (parse.GetValue(watch) && targets.Count > 1) throw new CtlException("error: you may only specify a single resource type with --watch");
            return await runner.WithConnection(parse, connection => parse.GetValue(watch)
                ? Watch(runner, parse, connection, targets[0], options, cancel)
                : List(runner, parse, connection, targets, options)).ConfigureAwait(false);
        }));
        return command;
    }

    private sealed record GetOptions(OutputFormat Format, bool AllNamespaces, string? Selector, string? FieldSelector, bool NoHeaders);

    private static async Task<int> List(CommandRunner runner, ParseResult parse, AdminConnection connection, IReadOnlyList<ResourceTarget> targets, GetOptions options)
    {
        var context = runner.Context;
        var printer = new ObjectPrinter(options.Format, options.AllNamespaces);
        var failed = false;
        var printedTables = 0;
        var collected = new List<JsonObject>();
        ResourceType? lastType = null;
        foreach (var target in targets)
        {
            var found = await connection.Ask<ObjectsFound>(new GetObjects(runner.Query(parse, target, options.AllNamespaces, options.Selector, options.FieldSelector))).ConfigureAwait(false);
            if (found.Error is { } error) throw CtlException.Server(error);
            var type = TypeOf(found);
            var items = found.Items.Select(i => (JsonObject)JsonNode.Parse(i)!).ToList();
            if (options.Format is OutputFormat.Json or OutputFormat.Yaml)
            {
                collected.AddRange(items);
                lastType = type;
            }
            else if (items.Count > 0)
            {
                if (printedTables++ > 0 && options.Format != OutputFormat.Name) await context.Out.WriteLineAsync().ConfigureAwait(false);
                await context.Out.WriteAsync(printer.Print(type, items, context.Now(), prefixNames: targets.Count > 1, headers: !options.NoHeaders)).ConfigureAwait(false);
            }

            foreach (var missing in found.Errors)
            {
                failed = true;
                await context.Error.WriteLineAsync(CtlException.Describe(missing)).ConfigureAwait(false);
            }
        }

        if (lastType is not null)
        {
            var single = targets.Count == 1 && targets[0].Names.Count == 1;
            await context.Out.WriteAsync(printer.Print(lastType, collected, context.Now(), single)).ConfigureAwait(false);
        }
        else if (printedTables == 0 && !failed && options.Format is OutputFormat.Table or OutputFormat.Wide or OutputFormat.Name)
        {
            await context.Error.WriteLineAsync(NoResources(parse, runner, targets, options.AllNamespaces)).ConfigureAwait(false);
        }

        return failed ? 1 : 0;
    }

    private static string NoResources(ParseResult parse, CommandRunner runner, IReadOnlyList<ResourceTarget> targets, bool allNamespaces)
    {
        var namespaced = targets.All(t => ResourceRegistry.Default.TryResolve(t.Resource, out var type) && type.Namespaced);
        return allNamespaces || !namespaced ? "No resources found" : $"No resources found in {parse.GetValue(runner.Global.Namespace) ?? "default"} namespace.";
    }

    private static async Task<int> Watch(CommandRunner runner, ParseResult parse, AdminConnection connection, ResourceTarget target, GetOptions options, CancellationToken cancel)
    {
        var context = runner.Context;
        var printer = new ObjectPrinter(options.Format, options.AllNamespaces);
        await using var stream = await WatchStream.OpenAsync(connection, new WatchResources(runner.Query(parse, target, options.AllNamespaces, options.Selector, options.FieldSelector), null), cancel).ConfigureAwait(false);
        var type = ResourceRegistry.Default.TryGetByKind(stream.Opened.ApiVersion, stream.Opened.Kind, out var found) ? found : throw new CtlException($"error: unknown kind {stream.Opened.Kind}");
        var headers = !options.NoHeaders;
        await foreach (var change in stream.ReadAllAsync(cancel).ConfigureAwait(false))
        {
            var obj = (JsonObject)JsonNode.Parse(change.Object)!;
            await context.Out.WriteAsync(printer.Print(type, [obj], context.Now(), single: true, headers: headers, alignWithHeaders: !options.NoHeaders)).ConfigureAwait(false);
            await context.Out.FlushAsync(cancel).ConfigureAwait(false);
            headers = false;
        }

        return stream.Ended is { } ended && !cancel.IsCancellationRequested ? Fail(context, ended) : 0;
    }

    private static int Fail(CtlContext context, AdminError error)
    {
        context.Error.WriteLine(CtlException.Describe(error));
        return 1;
    }

    /// <summary>The registry's type of what the server found.</summary>
    public static ResourceType TypeOf(ObjectsFound found) =>
        ResourceRegistry.Default.TryGetByKind(found.ApiVersion, found.Kind, out var type) ? type : throw new CtlException($"error: unknown kind {found.Kind} in {found.ApiVersion}");
}
