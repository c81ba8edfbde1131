using System.Reflection;
using Orchestrator.Hocon;

namespace Orchestrator.Runtime.Configuration;

/// <summary>
/// The fallback chain of configuration: the application's file first, then the embedded
/// <c>reference.conf</c> of each module, so every key has a documented default.
/// </summary>
public static class ReferenceConfig
{
    /// <summary>The embedded <c>reference.conf</c> of <paramref name="assembly"/>, or empty when it has none.</summary>
    public static Config Of(Assembly assembly)
    {
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith("reference.conf", StringComparison.Ordinal));
        return name is null ? Config.Empty : Config.FromResource(assembly, name);
    }

    /// <summary>The runtime's own reference configuration.</summary>
    public static Config Runtime { get; } = Of(typeof(ReferenceConfig).Assembly);

    /// <summary>
    /// <paramref name="application"/> with the reference configuration of the runtime and of every
    /// loaded <c>Orchestrator.*</c> module behind it.
    /// </summary>
    public static Config WithReferences(Config application)
    {
        var config = application;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies()
                     .Where(a => a.GetName().Name?.StartsWith("Orchestrator.", StringComparison.Ordinal) == true && a != typeof(ReferenceConfig).Assembly)
                     .OrderBy(a => a.GetName().Name, StringComparer.Ordinal))
            config = config.WithFallback(Of(assembly));
        return config.WithFallback(Runtime);
    }
}
