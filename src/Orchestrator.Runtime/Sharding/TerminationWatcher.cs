namespace Orchestrator.Runtime.Sharding;

/// <summary>Completes a task when the watched actor stops: lets shutdown code outside actors await a region.</summary>
internal sealed class TerminationWatcher : ReceiveActor
{
    public TerminationWatcher(IActorRef subject, TaskCompletionSource stopped)
    {
        Context.Watch(subject);
        Receive<Terminated>(_ => stopped.TrySetResult());
    }
}
