using Orchestrator.Model.Autoscaling.V2;

namespace Orchestrator.Actors.Controllers.Autoscaling;

/// <summary>A change of the target's replica count the autoscaler made: positive up, negative down.</summary>
public sealed record ScaleEvent(DateTimeOffset At, int Change);

/// <summary>
/// Rate limits of autoscaling/v2 behavior (pure). Each policy allows, per <c>periodSeconds</c>, a change of
/// <c>value</c> pods or <c>value</c> percent of the count at the start of the period (the current count minus
/// what was added, or plus what was removed, within the period); <c>selectPolicy</c> Max takes the policy that
/// allows the largest change, Min the smallest, Disabled none. Defaults as Kubernetes': up by the larger of
/// 100% and 4 pods per 15 s; down by 100% per 15 s.
/// </summary>
public static class ScalingPolicies
{
    /// <summary>The default scale-up rules.</summary>
    public static HpaScalingRules DefaultScaleUp { get; } = new()
    {
        SelectPolicy = "Max",
        Policies = [new HpaScalingPolicy { Type = "Percent", Value = 100, PeriodSeconds = 15 }, new HpaScalingPolicy { Type = "Pods", Value = 4, PeriodSeconds = 15 }],
    };

    /// <summary>The default scale-down rules.</summary>
    public static HpaScalingRules DefaultScaleDown { get; } = new()
    {
        SelectPolicy = "Max",
        Policies = [new HpaScalingPolicy { Type = "Percent", Value = 100, PeriodSeconds = 15 }],
    };

    /// <summary>
    /// <paramref name="desired"/> limited by the rules for its direction (<paramref name="scaleUp"/> /
    /// <paramref name="scaleDown"/>, defaults when null or without policies) given the <paramref name="events"/> so far.
    /// </summary>
    public static int Limit(int current, int desired, HpaScalingRules? scaleUp, HpaScalingRules? scaleDown, IReadOnlyList<ScaleEvent> events, DateTimeOffset now)
    {
        if (desired > current)
        {
            var rules = scaleUp?.Policies is { Count: > 0 } ? scaleUp : DefaultScaleUp;
            if (rules.SelectPolicy == "Disabled") return current;
            var limits = rules.Policies!.Select(p =>
            {
                var start = current - events.Where(e => e.Change > 0 && e.At > now.AddSeconds(-p.PeriodSeconds)).Sum(e => e.Change);
                return p.Type == "Pods" ? start + p.Value : (int)Math.Ceiling(start * (1 + (p.Value / 100.0)));
            }).ToList();
            var limit = rules.SelectPolicy == "Min" ? limits.Min() : limits.Max();
            return Math.Max(current, Math.Min(desired, limit));
        }

        if (desired < current)
        {
            var rules = scaleDown?.Policies is { Count: > 0 } ? scaleDown : DefaultScaleDown;
            if (rules.SelectPolicy == "Disabled") return current;
            var limits = rules.Policies!.Select(p =>
            {
                var start = current - events.Where(e => e.Change < 0 && e.At > now.AddSeconds(-p.PeriodSeconds)).Sum(e => e.Change);
                return p.Type == "Pods" ? start - p.Value : (int)Math.Floor(start * (1 - (p.Value / 100.0)));
            }).ToList();
            var limit = rules.SelectPolicy == "Min" ? limits.Max() : limits.Min();
            return Math.Min(current, Math.Max(desired, limit));
        }

        return current;
    }

    /// <summary>The events still inside the longest period of either direction, plus <paramref name="change"/> when it is not 0.</summary>
    public static IReadOnlyList<ScaleEvent> Record(IReadOnlyList<ScaleEvent> events, int change, DateTimeOffset now, HpaScalingRules? scaleUp, HpaScalingRules? scaleDown)
    {
        var longest = new[] { scaleUp?.Policies is { Count: > 0 } ? scaleUp : DefaultScaleUp, scaleDown?.Policies is { Count: > 0 } ? scaleDown : DefaultScaleDown }
            .SelectMany(r => r.Policies!).Max(p => p.PeriodSeconds);
        var kept = events.Where(e => e.At > now.AddSeconds(-longest)).ToList();
        if (change != 0) kept.Add(new ScaleEvent(now, change));
        return kept;
    }
}
