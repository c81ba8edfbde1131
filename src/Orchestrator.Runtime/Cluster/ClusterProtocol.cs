using System.Collections.Immutable;
using Orchestrator.Runtime.Serialization;

namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// The messages members exchange, in wire form (plain records of strings and numbers, serialized by manifest
/// like every remote message), and their conversion to and from the in-memory gossip.
/// </summary>
internal static class ClusterProtocol
{
    /// <summary>An incarnation on the wire.</summary>
    public sealed record NodeWire(string Address, long Uid);

    /// <summary>A member on the wire.</summary>
    public sealed record MemberWire(NodeWire Node, MemberStatus Status, string[] Roles, int UpNumber);

    /// <summary>A reachability row on the wire.</summary>
    public sealed record RowWire(NodeWire Observer, long Version, NodeWire[] Unreachable);

    /// <summary>A gossip state with its seen set on the wire.</summary>
    public sealed record GossipWire(MemberWire[] Members, NodeWire[] Tombstones, RowWire[] Reachability, NodeWire[] Seen);

    /// <summary>A member's state, sent to another member (<see cref="To"/> guards against a restarted receiver).</summary>
    public sealed record GossipEnvelope(NodeWire From, NodeWire To, GossipWire State);

    /// <summary>A node that wants to join asks a seed whether it is a member.</summary>
    public sealed record InitJoin(NodeWire From);

    /// <summary>The seed is a member and can let the asker in.</summary>
    public sealed record InitJoinAck(NodeWire From);

    /// <summary>The seed is not (yet) a member.</summary>
    public sealed record InitJoinNack(NodeWire From);

    /// <summary>A node asks a member to add it as Joining.</summary>
    public sealed record Join(NodeWire From, string[] Roles);

    /// <summary>The member added the joiner and hands it the state.</summary>
    public sealed record Welcome(NodeWire From, GossipWire State);

    /// <summary>A heartbeat from a monitoring member.</summary>
    public sealed record Heartbeat(NodeWire From, long Sequence);

    /// <summary>The monitored member's answer; the monitor's failure detector records its arrival.</summary>
    public sealed record HeartbeatResponse(NodeWire From, long Sequence);

    /// <summary>Registers the manifests (idempotent, so systems sharing a registry do not clash).</summary>
    public static void Register(SerializationRegistry registry)
    {
        registry.Register<GossipEnvelope>("orch.cluster.gossip/v1");
        registry.Register<InitJoin>("orch.cluster.init-join/v1");
        registry.Register<InitJoinAck>("orch.cluster.init-join-ack/v1");
        registry.Register<InitJoinNack>("orch.cluster.init-join-nack/v1");
        registry.Register<Join>("orch.cluster.join/v1");
        registry.Register<Welcome>("orch.cluster.welcome/v1");
        registry.Register<Heartbeat>("orch.cluster.heartbeat/v1");
        registry.Register<HeartbeatResponse>("orch.cluster.heartbeat-response/v1");
    }

    public static NodeWire ToWire(UniqueAddress node) => new(node.Address.ToString(), node.Uid);

    public static UniqueAddress FromWire(NodeWire node) =>
        Address.TryParse(node.Address, out var address) && !address!.IsLocal
            ? new UniqueAddress(address, node.Uid)
            : throw new FormatException($"'{node.Address}' in a cluster message is not a network address.");

    public static GossipWire ToWire(GossipState state) => new(
        state.Gossip.Members.Values.Select(m => new MemberWire(ToWire(m.UniqueAddress), m.Status, m.Roles.Order(StringComparer.Ordinal).ToArray(), m.UpNumber)).ToArray(),
        state.Gossip.Tombstones.Select(ToWire).ToArray(),
        state.Gossip.Reachability.Select(r => new RowWire(ToWire(r.Key), r.Value.Version, r.Value.Unreachable.Select(ToWire).ToArray())).ToArray(),
        state.Seen.Select(ToWire).ToArray());

    public static GossipState FromWire(GossipWire wire)
    {
        var members = wire.Members.Select(m => new Member(FromWire(m.Node), m.Status, m.Roles.ToImmutableHashSet(StringComparer.Ordinal), m.UpNumber))
            .ToImmutableSortedDictionary(m => m.UniqueAddress, m => m);
        var gossip = new Gossip(
            members,
            wire.Tombstones.Select(FromWire).ToImmutableSortedSet(),
            wire.Reachability.ToImmutableSortedDictionary(r => FromWire(r.Observer), r => new ReachabilityRow(r.Version, r.Unreachable.Select(FromWire).ToImmutableSortedSet())));
        return new GossipState(gossip, wire.Seen.Select(FromWire).ToImmutableSortedSet());
    }
}
