using Orchestrator.Runtime.Dispatch;

namespace Orchestrator.Runtime.Event;

/// <summary>
/// Where undeliverable messages go. Each is published as a <see cref="DeadLetter"/>; the first
/// <c>log-dead-letters</c> are logged, so a storm of them cannot flood the log.
/// </summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : ActorRefBase, IInternalActorRef
{
    private int _logged;

    public override ActorPath Path { get; } = path;

    public bool IsTerminated => false;

    public override void Tell(object message, IActorRef? sender)
    {
        if (message is DeadLetter d) PublishDeadLetter(d);
        else Publish(message, sender, this);
    }

    /// <summary>Publishes a message that could not reach <paramref name="recipient"/>.</summary>
    public void Publish(object message, IActorRef? sender, IActorRef recipient, string? reason = null)
    {
        switch (message)
        {
            // A Terminated or timer tick for a stopped actor is routine, not worth a dead letter.
            case Terminated or ReceiveTimeoutState.Tick or TimerScheduler.TimerFired:
                return;
            // A DeadLetter event that did not fit a subscriber's full mailbox is not wrapped again:
            // the new DeadLetter would go to the same full subscriber, recursively.
            case DeadLetter:
                return;
            // Nothing is there to identify itself: say so, as the sender of an Identify waits for an answer.
            case Identify identify:
                sender?.Tell(new ActorIdentity(identify.MessageId, null), this);
                return;
        }
        PublishDeadLetter(new DeadLetter(message, sender, recipient, reason));
    }

    private void PublishDeadLetter(DeadLetter deadLetter)
    {
        system.EventStream.Publish(deadLetter);
        var limit = system.Settings.LogDeadLetters;
        if (limit <= 0 || (system.IsTerminating && !system.Settings.LogDeadLettersDuringShutdown)) return;
        var n = Interlocked.Increment(ref _logged);
        if (n <= limit)
            RuntimeLog.DeadLetter(system.Logging.Runtime, deadLetter.Message.GetType().Name, deadLetter.Sender?.Path.ToString() ?? "no sender",
                deadLetter.Recipient.Path.ToString(), deadLetter.Reason ?? "recipient stopped", n, limit);
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch w) w.Watcher.SendSystemMessage(new DeathWatchNotification(w.Watchee, ExistenceConfirmed: false));
    }

    public void Stop() { }
}
