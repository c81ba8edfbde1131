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
        var s = ControllerSections.Read(config, Section, _knownKeys);
        var tolerance = s.GetDouble("tolerance");
        if (tolerance is < 0 or double.NaN) throw new ConfigException(s.OriginOf("tolerance"), $"{Section}.tolerance must be a fraction of 0 or more, not {tolerance}.");
        return new HpaSettings(ControllerSections.Duration(s, Section, "sync-period"), tolerance, ControllerSections.Duration(s, Section, "downscale-stabilization", zeroAllowed: true));
    }
}
