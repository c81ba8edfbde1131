namespace Orchestrator.TestKit;

/// <summary>
/// Timing of expectations. Every timeout a test gives is multiplied by <see cref="TimeFactor"/>, so
/// a slow or loaded machine (CI on 2 cores) gets more time without tests being edited.
/// </summary>
/// <param name="TimeFactor">Multiplier for every timeout (<c>orchestrator.test.timefactor</c>, or the ORCH_TEST_TIMEFACTOR environment variable).</param>
/// <param name="SingleExpectDefault">Timeout of an expectation that gives none (<c>orchestrator.test.single-expect-default</c>).</param>
public sealed record TestKitSettings(double TimeFactor, TimeSpan SingleExpectDefault)
{
    /// <summary>The settings from the environment, with defaults: factor 1 (3 on CI), 3 s per expectation.</summary>
    public static TestKitSettings FromEnvironment(double? configured = null, TimeSpan? singleExpect = null)
    {
        var factor = configured ?? 1.0;
        var explicitlyConfigured = configured is not null && configured != 1.0;
        var env = Environment.GetEnvironmentVariable("ORCH_TEST_TIMEFACTOR");
        if (!string.IsNullOrEmpty(env))
        {
            if (!double.TryParse(env, System.Globalization.CultureInfo.InvariantCulture, out factor) || factor <= 0)
                throw new ArgumentException($"ORCH_TEST_TIMEFACTOR must be a positive number, got '{env}'.");
        }
        else if (!explicitlyConfigured && Environment.GetEnvironmentVariable("CI") == "true") factor = 3.0;
        return new TestKitSettings(factor, singleExpect ?? TimeSpan.FromSeconds(3));
    }

    /// <summary><paramref name="duration"/> scaled by <see cref="TimeFactor"/>.</summary>
    public TimeSpan Dilated(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? duration : TimeSpan.FromTicks((long)(duration.Ticks * TimeFactor));
}
