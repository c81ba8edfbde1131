using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Tests.Scheduling.Support;

/// <summary>
/// Stands in front of the store and answers the first <paramref name="conflicts"/> binds with a
/// Conflict, as a store would when another writer got there first; everything else is forwarded.
/// </summary>
public sealed class ConflictingBinder : ReceiveActor
{
    private int _remaining;

    /// <summary>A front for <paramref name="store"/>.</summary>
    public ConflictingBinder(IActorRef store, int conflicts)
    {
        _remaining = conflicts;
        Receive<BindPod>(bind =>
        {
            if (_remaining-- > 0)
                Sender.Tell(ObjectReply.Failed(StatusError.StaleResourceVersion("pods", bind.Name)), Self);
            else store.Forward(bind);
        });
        ReceiveAny(store.Forward);
    }

    /// <summary>Props of the front.</summary>
    public static Props Props(IActorRef store, int conflicts) => Runtime.Props.Create(() => new ConflictingBinder(store, conflicts));
}
