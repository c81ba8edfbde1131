using System.CommandLine;
using Orchestrator.Ctl.Output;
using Orchestrator.Model.Registry;

namespace Orchestrator.Ctl.Cli;

/// <summary><c>api-resources</c>: the kinds, their short names and scope (from the model's registry; no connection needed).</summary>
public static class ApiResourcesCommand
{
    /// <summary>The command.</summary>
    public static Command Build(CommandRunner runner)
    {
        var command = new Command("api-resources", "Print the supported API resources.");
        command.SetAction(_ =>
        {
            var table = new Table(["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"]);
            foreach (var type in ResourceRegistry.Default.All.OrderBy(t => t.Plural, StringComparer.Ordinal))
                table.Add([type.Plural, string.Join(",", type.ShortNames), type.ApiVersion, type.Namespaced ? "true" : "false", type.Kind]);
            runner.Context.Out.Write(table.Render());
            return 0;
        });
        return command;
    }
}
