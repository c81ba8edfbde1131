namespace Orchestrator.Actors.Scheduling.Framework;

/// <summary>Score helpers shared by the plugins, as kube-scheduler's.</summary>
public static class Scores
{
    /// <summary>The highest score a plugin gives a node.</summary>
    public const long MaxNodeScore = 100;

    /// <summary>
    /// Scales scores so the highest becomes <see cref="MaxNodeScore"/> (all 0 stay 0); with
    /// <paramref name="reverse"/> the result is flipped so the lowest raw score ranks first.
    /// </summary>
    public static void DefaultNormalize(Span<long> scores, bool reverse)
    {
        long max = 0;
        foreach (var s in scores) max = Math.Max(max, s);
        if (max == 0)
        {
            if (reverse) scores.Fill(MaxNodeScore);
            return;
        }

        for (var i = 0; i < scores.Length; i++)
        {
            var scaled = MaxNodeScore * scores[i] / max;
            scores[i] = reverse ? MaxNodeScore - scaled : scaled;
        }
    }
}
