using Orchestrator.Runtime.Dispatch;

namespace Orchestrator.Runtime;

/// <summary>
/// Death watch. "Exactly once" rests on three sets: whom this actor watches, whom it has queued a
/// Terminated for, and who watches it. A Terminated is queued only when the watch is still in the
/// first set and delivered only when still in the second, so duplicates and unwatch races drop out.
/// </summary>
internal sealed partial class ActorCell
{
    public IActorRef Watch(IActorRef subject)
    {
        if (subject is not IInternalActorRef target || ReferenceEquals(target, SelfRef)) return subject;
        var watching = Extras.Watching ??= [];
        if (watching.Add(target)) target.SendSystemMessage(new Watch(target, SelfRef));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        if (subject is not IInternalActorRef target || _extras is not { } x) return subject;
        x.TerminatedQueued?.Remove(target);
        if (x.Watching?.Remove(target) == true) target.SendSystemMessage(new Unwatch(target, SelfRef));
        return subject;
    }

    private void HandleWatch(Watch watch)
    {
        if (!ReferenceEquals(watch.Watchee, SelfRef) || ReferenceEquals(watch.Watcher, SelfRef)) return;
        if ((_flags & CellFlags.Terminated) != 0)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(SelfRef, ExistenceConfirmed: true));
            return;
        }
        (Extras.WatchedBy ??= []).Add(watch.Watcher);
    }

    private void HandleUnwatch(Unwatch unwatch) => _extras?.WatchedBy?.Remove(unwatch.Watcher);

    private void HandleDeathWatchNotification(DeathWatchNotification notification)
    {
        var actor = notification.Actor;
        if (actor is IInternalActorRef dead) _extras?.WatchedBy?.Remove(dead);
        if (Volatile.Read(ref _children)?.TryRemove(actor) == true) HandleChildTerminated();
        if (IsTerminating || _extras?.Watching?.Remove(actor) != true) return;
        (Extras.TerminatedQueued ??= []).Add(actor);
        Mailbox.Post(new Terminated(actor, notification.ExistenceConfirmed, notification.AddressTerminated), actor);
    }

    private bool ShouldDeliverTerminated(IActorRef actor) => _extras?.TerminatedQueued?.Remove(actor) == true;

    /// <summary>A Terminated the actor stashed goes back into the mailbox: deliver it again when it comes round.</summary>
    internal void RequeueTerminated(IActorRef actor) => (Extras.TerminatedQueued ??= []).Add(actor);

    private void UnwatchAll()
    {
        if (_extras?.Watching is not { } watching) return;
        foreach (var target in watching) ((IInternalActorRef)target).SendSystemMessage(new Unwatch((IInternalActorRef)target, SelfRef));
        watching.Clear();
        _extras.TerminatedQueued?.Clear();
    }
}
