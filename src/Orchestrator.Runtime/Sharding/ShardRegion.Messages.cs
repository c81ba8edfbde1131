namespace Orchestrator.Runtime.Sharding;

/// <summary>Messages a <see cref="ShardRegion"/> sends itself.</summary>
internal static class ShardRegionMessages
{
    /// <summary>Periodic: register again while no coordinator has acknowledged, ask again for homes still unknown.</summary>
    public sealed record Retry;

    /// <summary>A region shutting down stops even though some messages found no new home.</summary>
    public sealed record ShutdownFlushTimeout;
}

/// <summary>
/// Where a region's coordinator is. Without a cluster it is a fixed local actor; in a cluster it is the
/// singleton on the oldest member with the type's role, which moves when that member goes.
/// </summary>
internal interface ICoordinatorLocator
{
    /// <summary>Called from the region's PreStart (e.g. to subscribe to membership events).</summary>
    void Start(IActorContext context);

    /// <summary>Handles a message the locator subscribed to; false when it is not one.</summary>
    bool Handle(object message);

    /// <summary>Sends <paramref name="message"/> to wherever the coordinator should be now (nowhere when unknown).</summary>
    void TellCoordinator(object message, IActorRef sender);
}

/// <summary>
/// A coordinator at a known path in this or another process (no cluster, or tests). Found by path, not by
/// ref, so a coordinator that stops and starts again under the same name is found again.
/// </summary>
internal sealed class PathCoordinatorLocator(string path) : ICoordinatorLocator
{
    private ActorSelection? _selection;

    public void Start(IActorContext context) => _selection = context.ActorSelection(path);

    public bool Handle(object message) => false;

    public void TellCoordinator(object message, IActorRef sender) => _selection?.Tell(message, sender);
}
