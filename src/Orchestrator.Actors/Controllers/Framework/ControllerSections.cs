using Orchestrator.Hocon;

namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>Reading one controller's sub-section of <c>orchestrator.controllers</c>, with errors that name the key.</summary>
public static class ControllerSections
{
    /// <summary>The sub-section <paramref name="section"/> (this module's reference.conf behind <paramref name="config"/>), after checking it holds only <paramref name="knownKeys"/>.</summary>
    public static Config Read(Config config, string section, params string[] knownKeys)
    {
        var s = config.WithFallback(ControllerSettings.Reference).GetConfig(section);
        foreach (var key in s.Keys.Where(k => !knownKeys.Contains(k)))
            throw new ConfigException(s.OriginOf(key), $"{section}.{key} is not a setting; known keys: {string.Join(", ", knownKeys)}.");
        return s;
    }

    /// <summary>A duration that must be positive (or, with <paramref name="zeroAllowed"/>, zero).</summary>
    public static TimeSpan Duration(Config s, string section, string key, bool zeroAllowed = false)
    {
        var value = s.GetTimeSpan(key);
        return value > TimeSpan.Zero || (zeroAllowed && value == TimeSpan.Zero)
            ? value
            : throw new ConfigException(s.OriginOf(key), $"{section}.{key} must be {(zeroAllowed ? "0 or " : "")}a positive duration, not {value}.");
    }
}
