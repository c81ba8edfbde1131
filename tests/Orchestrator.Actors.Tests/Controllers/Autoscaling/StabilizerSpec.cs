using Orchestrator.Actors.Controllers.Autoscaling;

namespace Orchestrator.Actors.Tests.Controllers.Autoscaling;

/// <summary>Stabilization windows and min/max (pure).</summary>
public sealed class StabilizerSpec
{
    private static readonly DateTimeOffset _t0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan _down = TimeSpan.FromSeconds(300);

    [Fact]
    public void Scale_up_applies_at_once_with_no_up_window()
    {
        var decision = Stabilizer.Decide(2, 5, 1, 10, [new Recommendation(_t0, 2)], _t0.AddSeconds(15), TimeSpan.Zero, _down);

        Assert.Equal(5, decision.Replicas);
        Assert.False(decision.Stabilized);
    }

    [Fact]
    public void Scale_down_waits_until_every_recommendation_in_the_window_is_as_low()
    {
        IReadOnlyList<Recommendation> history = [];
        var current = 6;
        var decision = Stabilizer.Decide(current, 6, 1, 10, history, _t0, TimeSpan.Zero, _down);
        history = decision.History;

        // Load drops: 2 is recommended from t0+15s on; 6 stays in the window until t0+300s.
        for (var s = 15; s < 300; s += 15)
        {
            decision = Stabilizer.Decide(current, 2, 1, 10, history, _t0.AddSeconds(s), TimeSpan.Zero, _down);
            Assert.Equal(6, decision.Replicas);
            Assert.True(decision.Stabilized);
            history = decision.History;
        }

        decision = Stabilizer.Decide(current, 2, 1, 10, history, _t0.AddSeconds(300), TimeSpan.Zero, _down);
        Assert.Equal(2, decision.Replicas);
    }

    [Fact]
    public void A_short_dip_is_ignored_and_the_highest_recent_recommendation_holds()
    {
        var history = new List<Recommendation> { new(_t0, 4), new(_t0.AddSeconds(60), 8) };

        var decision = Stabilizer.Decide(8, 3, 1, 10, history, _t0.AddSeconds(120), TimeSpan.Zero, _down);

        Assert.Equal(8, decision.Replicas);
    }

    [Fact]
    public void An_up_window_holds_scale_up_to_the_lowest_recent_recommendation()
    {
        var history = new List<Recommendation> { new(_t0, 3) };

        var decision = Stabilizer.Decide(3, 7, 1, 10, history, _t0.AddSeconds(30), TimeSpan.FromSeconds(60), _down);

        Assert.Equal(3, decision.Replicas);
    }

    [Theory]
    [InlineData(0, 2, "TooFewReplicas")]
    [InlineData(15, 10, "TooManyReplicas")]
    [InlineData(5, 5, null)]
    public void Min_and_max_bound_the_proposal(int proposed, int expected, string? reason)
    {
        var decision = Stabilizer.Decide(5, proposed, 2, 10, [], _t0, TimeSpan.Zero, TimeSpan.Zero);

        Assert.Equal((expected, reason), (decision.Replicas, decision.Limited));
    }

    [Fact]
    public void Recommendations_older_than_the_longest_window_are_dropped()
    {
        var history = new List<Recommendation> { new(_t0, 9), new(_t0.AddSeconds(200), 4) };

        var decision = Stabilizer.Decide(4, 4, 1, 10, history, _t0.AddSeconds(400), TimeSpan.Zero, _down);

        Assert.Equal([4, 4], decision.History.Select(r => r.Replicas));
    }
}
