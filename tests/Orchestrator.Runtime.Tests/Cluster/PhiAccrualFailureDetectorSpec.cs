using Orchestrator.Runtime.Cluster;

namespace Orchestrator.Runtime.Tests.Cluster;

public sealed class PhiAccrualFailureDetectorSpec
{
    private static readonly FailureDetectorSettings Defaults = new();

    [Theory]
    [InlineData(0, 1000, 100, 0.0, 0.01)]        // far before the mean: phi ~ 0
    [InlineData(1000, 1000, 100, 0.30, 0.31)]    // at the mean: P(later) = 1/2, phi = log10(2)
    [InlineData(1200, 1000, 100, 1.64, 1.67)]    // two deviations above: P(later) ~ 0.0228
    [InlineData(1300, 1000, 100, 2.83, 2.95)]    // three deviations above: P(later) ~ 0.00135 (the logistic approximation gives 0.00123)
    public void Phi_is_minus_log10_of_the_probability_that_a_heartbeat_comes_later(double elapsed, double mean, double deviation, double min, double max)
    {
        var phi = PhiAccrualFailureDetector.Phi(elapsed, mean, deviation);
        Assert.InRange(phi, min, max);
    }

    [Fact]
    public void Phi_grows_with_silence_and_never_becomes_nan()
    {
        var previous = -1.0;
        foreach (var elapsed in new[] { 0, 500, 1000, 2000, 5000, 60_000, 10_000_000 })
        {
            var phi = PhiAccrualFailureDetector.Phi(elapsed, 1000, 100);
            Assert.False(double.IsNaN(phi));
            Assert.True(phi >= previous, $"phi fell from {previous} to {phi} at {elapsed} ms");
            previous = phi;
        }
    }

    [Fact]
    public void Regular_heartbeats_keep_a_member_available_and_silence_beyond_the_pause_makes_it_unavailable()
    {
        var detector = new PhiAccrualFailureDetector(Defaults, TimeSpan.FromSeconds(1));
        Assert.True(detector.IsAvailable(0), "before the first heartbeat");
        long now = 0;
        for (var i = 0; i < 20; i++, now += 1000) detector.Heartbeat(now);
        now -= 1000;
        Assert.True(detector.IsAvailable(now + 1000));
        // Mean 1 s plus the 3 s acceptable pause: still fine at 3.5 s of silence, failed well after 4 s.
        Assert.True(detector.IsAvailable(now + 3500));
        Assert.False(detector.IsAvailable(now + 5000));
    }

    [Fact]
    public void A_member_that_answers_again_becomes_available_again()
    {
        var detector = new PhiAccrualFailureDetector(Defaults, TimeSpan.FromSeconds(1));
        for (long t = 0; t <= 10_000; t += 1000) detector.Heartbeat(t);
        Assert.False(detector.IsAvailable(30_000));
        detector.Heartbeat(30_000);
        Assert.True(detector.IsAvailable(30_500));
        // The long outage did not enter the history: a normal interval after it is still judged normally.
        Assert.False(detector.IsAvailable(36_000));
    }
}
