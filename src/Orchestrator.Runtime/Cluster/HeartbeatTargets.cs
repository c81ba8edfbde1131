namespace Orchestrator.Runtime.Cluster;

/// <summary>Which members one member monitors: the next few after it in address order, wrapping around (pure).</summary>
internal static class HeartbeatTargets
{
    /// <summary>
    /// The <paramref name="count"/> members after <paramref name="self"/> in the ring of <paramref name="members"/>
    /// sorted by address. Every member is monitored by the same number of others, and with up to count + 1
    /// members everyone monitors everyone.
    /// </summary>
    public static IReadOnlyList<UniqueAddress> Select(UniqueAddress self, IEnumerable<UniqueAddress> members, int count)
    {
        var ring = members.Append(self).Distinct().Order().ToList();
        var start = ring.IndexOf(self);
        var result = new List<UniqueAddress>();
        for (var i = 1; i < ring.Count && result.Count < count; i++) result.Add(ring[(start + i) % ring.Count]);
        return result;
    }
}
