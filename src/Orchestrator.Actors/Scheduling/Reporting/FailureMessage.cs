using Orchestrator.Actors.Scheduling.Framework;

namespace Orchestrator.Actors.Scheduling.Reporting;

/// <summary>
/// Words a <see cref="FitError"/> as kube-scheduler does:
/// <c>0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 2 Insufficient cpu.</c>
/// Each reason is prefixed with the number of nodes that gave it, and the items are sorted as strings
/// (ordinal), exactly as kube-scheduler sorts them.
/// </summary>
public static class FailureMessage
{
    /// <summary>The message when the cluster has no node.</summary>
    public const string NoNodes = "no nodes available to schedule pods";

    /// <summary>The message for <paramref name="error"/>.</summary>
    public static string Format(FitError error)
    {
        if (error.AllNodes == 0 && error.WholeClusterReason is null) return NoNodes;
        if (error.WholeClusterReason is { } whole) return $"0/{error.AllNodes} nodes are available: {whole}.";
        var items = error.Reasons.Select(r => $"{r.Value} {r.Key}").ToList();
        items.Sort(StringComparer.Ordinal);
        return $"0/{error.AllNodes} nodes are available: {string.Join(", ", items)}.";
    }
}
