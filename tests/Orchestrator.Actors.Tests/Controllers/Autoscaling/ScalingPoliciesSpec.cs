using Orchestrator.Actors.Controllers.Autoscaling;
using Orchestrator.Model.Autoscaling.V2;

namespace Orchestrator.Actors.Tests.Controllers.Autoscaling;

/// <summary>Scaling rate limits of autoscaling/v2 behavior (pure).</summary>
public sealed class ScalingPoliciesSpec
{
    private static readonly DateTimeOffset _t0 = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    private static HpaScalingRules Rules(string select, params (string Type, int Value, int Period)[] policies) => new()
    {
        SelectPolicy = select,
        Policies = policies.Select(p => new HpaScalingPolicy { Type = p.Type, Value = p.Value, PeriodSeconds = p.Period }).ToList(),
    };

    [Theory]
    [InlineData(2, 20, 6)] // max(2 × 2, 2 + 4)
    [InlineData(10, 50, 20)] // max(10 × 2, 10 + 4)
    [InlineData(4, 5, 5)] // within the limit
    public void By_default_scale_up_doubles_or_adds_four_pods_per_15_seconds_whichever_is_more(int current, int desired, int expected) =>
        Assert.Equal(expected, ScalingPolicies.Limit(current, desired, null, null, [], _t0));

    [Fact]
    public void Scale_ups_within_the_period_use_up_the_allowance()
    {
        var up = Rules("Max", ("Pods", 2, 60));
        ScaleEvent[] events = [new(_t0, 2)];

        Assert.Equal(6, ScalingPolicies.Limit(6, 10, up, null, events, _t0.AddSeconds(30))); // started the period at 4: 4 + 2
        Assert.Equal(8, ScalingPolicies.Limit(6, 10, up, null, events, _t0.AddSeconds(61))); // the period has passed
    }

    [Fact]
    public void Select_min_takes_the_most_restrictive_policy_and_disabled_forbids_the_direction()
    {
        Assert.Equal(5, ScalingPolicies.Limit(4, 20, Rules("Min", ("Percent", 100, 15), ("Pods", 1, 15)), null, [], _t0));
        Assert.Equal(4, ScalingPolicies.Limit(4, 20, Rules("Disabled", ("Pods", 1, 15)), null, [], _t0));
        Assert.Equal(4, ScalingPolicies.Limit(4, 1, null, Rules("Disabled", ("Pods", 1, 15)), [], _t0));
    }

    [Fact]
    public void Scale_down_is_limited_the_same_way()
    {
        var down = Rules("Max", ("Percent", 50, 60));

        Assert.Equal(5, ScalingPolicies.Limit(10, 1, null, down, [], _t0)); // at most half per minute
        Assert.Equal(5, ScalingPolicies.Limit(5, 1, null, down, [new ScaleEvent(_t0, -5)], _t0.AddSeconds(10))); // the period began at 10
        Assert.Equal(1, ScalingPolicies.Limit(4, 1, null, null, [], _t0)); // default: 100% per 15 s
    }

    [Fact]
    public void Old_events_are_forgotten()
    {
        var kept = ScalingPolicies.Record([new ScaleEvent(_t0, 2), new ScaleEvent(_t0.AddSeconds(10), 1)], 3, _t0.AddSeconds(20), null, null);

        Assert.Equal([1, 3], kept.Select(e => e.Change));
    }
}
