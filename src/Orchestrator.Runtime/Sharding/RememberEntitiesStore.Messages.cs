namespace Orchestrator.Runtime.Sharding;

/// <summary>Messages and events of <see cref="RememberEntitiesStore"/>.</summary>
internal static class RememberEntities
{
    /// <summary>Record that <paramref name="EntityId"/> runs; answered with <see cref="EntityAdded"/> once durable.</summary>
    public sealed record AddEntity(string EntityId);

    /// <summary>The start of <paramref name="EntityId"/> is durable.</summary>
    public sealed record EntityAdded(string EntityId);

    /// <summary>Record that <paramref name="EntityId"/> was passivated (not restarted after a move).</summary>
    public sealed record RemoveEntity(string EntityId);

    /// <summary>Stop after every pending write is durable (a PoisonPill could stop the store mid-write).</summary>
    public sealed record StopStore;

    /// <summary>Sent to the shard after recovery: the entities to start.</summary>
    public sealed record RememberedEntities(IReadOnlyCollection<string> EntityIds);

    /// <summary>Event: an entity started.</summary>
    public sealed record EntityStarted(string EntityId);

    /// <summary>Event: an entity was passivated.</summary>
    public sealed record EntityStopped(string EntityId);

    /// <summary>Snapshot of the remembered set, so recovery does not replay every start and stop.</summary>
    public sealed record RememberedSnapshot(List<string> EntityIds);

    public static void RegisterManifests(Serialization.SerializationRegistry registry)
    {
        registry.Register<EntityStarted>("orch.sharding.entity-started/v1");
        registry.Register<EntityStopped>("orch.sharding.entity-stopped/v1");
        registry.Register<RememberedSnapshot>("orch.sharding.remembered-snapshot/v1");
    }
}
