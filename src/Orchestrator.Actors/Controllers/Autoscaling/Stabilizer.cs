namespace Orchestrator.Actors.Controllers.Autoscaling;

/// <summary>A replica count an autoscaler proposed at some time.</summary>
public sealed record Recommendation(DateTimeOffset At, int Replicas);

/// <summary>The replica count to apply and the recommendations to keep for the next decision.</summary>
/// <param name="Replicas">Replicas after min/max and stabilization.</param>
/// <param name="History">The recommendations still inside a window, including this one.</param>
/// <param name="Limited">Why min/max changed the proposal (TooFewReplicas / TooManyReplicas), or null.</param>
/// <param name="Stabilized">True when a window held the count back from the proposal.</param>
public sealed record ScaleDecision(int Replicas, IReadOnlyList<Recommendation> History, string? Limited, bool Stabilized);

/// <summary>
/// Stabilization windows and min/max (pure). Within the scale-down window the count never falls below
/// the highest recommendation of the window, so a short dip does not remove pods that a moment later
/// are needed again; within the scale-up window it never rises above the lowest one.
/// </summary>
public static class Stabilizer
{
    /// <summary>ScalingLimited reason when minReplicas raised the proposal.</summary>
    public const string TooFewReplicas = "TooFewReplicas";

    /// <summary>ScalingLimited reason when maxReplicas lowered the proposal.</summary>
    public const string TooManyReplicas = "TooManyReplicas";

    /// <summary>Decides the count from <paramref name="proposed"/> at <paramref name="now"/>, with the earlier <paramref name="history"/>.</summary>
    public static ScaleDecision Decide(int current, int proposed, int minReplicas, int maxReplicas, IReadOnlyList<Recommendation> history,
        DateTimeOffset now, TimeSpan scaleUpWindow, TimeSpan scaleDownWindow)
    {
        var limited = proposed < minReplicas ? TooFewReplicas : proposed > maxReplicas ? TooManyReplicas : null;
        var recommended = Math.Clamp(proposed, minReplicas, maxReplicas);

        var upBound = recommended;
        var downBound = recommended;
        foreach (var past in history)
        {
            if (past.At > now - scaleUpWindow) upBound = Math.Min(upBound, past.Replicas);
            if (past.At > now - scaleDownWindow) downBound = Math.Max(downBound, past.Replicas);
        }

        var replicas = current;
        if (replicas < upBound) replicas = upBound;
        if (replicas > downBound) replicas = downBound;
        replicas = Math.Clamp(replicas, minReplicas, maxReplicas);

        var longest = scaleUpWindow > scaleDownWindow ? scaleUpWindow : scaleDownWindow;
        var kept = history.Where(r => r.At > now - longest).Append(new Recommendation(now, recommended)).ToList();
        return new ScaleDecision(replicas, kept, limited, replicas != recommended);
    }
}
