using Orchestrator.Actors.Admin;
using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Scheduling.Settings;
using Orchestrator.Actors.Store.Settings;
using Orchestrator.Hocon;
using Orchestrator.NodeAgent.Agent;
using Orchestrator.Runtime.Configuration;

namespace Orchestrator.Host.Startup;

/// <summary>
/// Builds a process's configuration: flags (highest) over the HOCON file over every module's reference.conf;
/// environment variables enter through the <c>${?VAR}</c> substitutions of the files. Every problem becomes a
/// <see cref="StartupException"/> naming the file, line and column.
/// </summary>
public static class HostConfigLoader
{
    /// <summary>This program's own reference configuration.</summary>
    public static Config Reference { get; } = ReferenceConfig.Of(typeof(HostConfigLoader).Assembly);

    /// <summary>Loads <paramref name="file"/> (optional) under <paramref name="overrides"/> (dotted keys), resolved and checked.</summary>
    public static Config Load(string? file, IReadOnlyDictionary<string, string> overrides)
    {
        try
        {
            var fromFile = Config.Empty;
            if (file is not null)
            {
                if (!File.Exists(file)) throw new StartupException($"error: config file {file} does not exist", 2);
                fromFile = Config.ParseFile(file);
            }

            // Touch every module so its reference.conf is among the loaded ones.
            _ = (typeof(StoreSettings), typeof(AdminSettings), typeof(NodeAgentSettings));
            var full = ReferenceConfig.WithReferences(Config.FromDictionary(overrides).WithFallback(fromFile).WithFallback(Reference)).Resolve();
            // Read every section once now, so a bad value fails here and not after the ports are bound.
            _ = HostSettings.From(full);
            _ = StoreSettings.From(full);
            _ = AdminSettings.From(full);
            _ = NodeAgentSettings.From(full);
            _ = ControllerSettings.From(full);
            _ = SchedulerSettings.From(full);
            return full;
        }
        catch (ConfigException e)
        {
            throw new StartupException($"error: bad configuration: {e.Message}", 2, e);
        }
    }
}
