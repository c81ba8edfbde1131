using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Hocon;

namespace Orchestrator.Actors.Controllers.Autoscaling;

/// <summary>The <c>orchestrator.controllers.hpa</c> section (documented in Orchestrator.Actors' reference.conf).</summary>
/// <param name="SyncPeriod">How often each autoscaler decides (default 15 seconds).</param>
/// <param name="Tolerance">No scaling while the usage ratio is within this of 1 (default 0.1).</param>
/// <param name="DownscaleStabilization">Scale-down window when the autoscaler sets none (default 5 minutes).</param>
public sealed record HpaSettings(TimeSpan SyncPeriod, double Tolerance, TimeSpan DownscaleStabilization)
{
    private const string Section = "orchestrator.controllers.hpa";
    private static readonly string[] _knownKeys = ["sync-period", "tolerance", "downscale-stabilization"];

    /// <summary>The defaults.</summary>
    public static HpaSettings Default { get; } = new(TimeSpan.FromSeconds(15), 0.1, TimeSpan.FromMinutes(5));

    /// <summary>Reads the section (with this module's reference.conf behind <paramref name="config"/>), naming any unknown key or bad value.</summary>
    public static HpaSettings From(Config config)
    {
        var s = config.WithFallback(ControllerSettings.Reference).GetConfig(Section);
        foreach (var key in s.Keys.Where(k => !_knownKeys.Contains(k)))
            throw new ConfigException(s.OriginOf(key), $"{Section}.{key} is not a setting; known keys: {string.Join(", ", _knownKeys)}.");
        var period = s.GetTimeSpan("sync-period");
        if (period <= TimeSpan.Zero) throw new ConfigException(s.OriginOf("sync-period"), $"{Section}.sync-period must be a positive duration, not {period}.");
        var tolerance = s.GetDouble("tolerance");
        if (tolerance is < 0 or double.NaN) throw new ConfigException(s.OriginOf("tolerance"), $"{Section}.tolerance must be a fraction of 0 or more, not {tolerance}.");
        var window = s.GetTimeSpan("downscale-stabilization");
        if (window < TimeSpan.Zero) throw new ConfigException(s.OriginOf("downscale-stabilization"), $"{Section}.downscale-stabilization must be 0 or a positive duration, not {window}.");
        return new HpaSettings(period, tolerance, window);
    }
}
