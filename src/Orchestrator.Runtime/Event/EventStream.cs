namespace Orchestrator.Runtime.Event;

/// <summary>
/// The system-wide publish/subscribe bus. A subscriber receives every published event that is an
/// instance of the type it subscribed to (base classes and interfaces included).
/// Subscribing and publishing are thread-safe; publishing takes no lock.
/// </summary>
public sealed class EventStream
{
    private readonly object _writeLock = new();
    private volatile Subscription[] _subscriptions = [];

    private sealed record Subscription(IActorRef Subscriber, Type Channel);

    /// <summary>Subscribes <paramref name="subscriber"/> to events of type <paramref name="channel"/>; false when already subscribed.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        lock (_writeLock)
        {
            var current = _subscriptions;
            foreach (var s in current)
                if (s.Subscriber.Equals(subscriber) && s.Channel == channel) return false;
            _subscriptions = [.. current, new Subscription(subscriber, channel)];
            return true;
        }
    }

    /// <summary>Subscribes to events of type <typeparamref name="T"/>.</summary>
    public bool Subscribe<T>(IActorRef subscriber) => Subscribe(subscriber, typeof(T));

    /// <summary>Removes one subscription, or all of the subscriber's when <paramref name="channel"/> is null.</summary>
    public bool Unsubscribe(IActorRef subscriber, Type? channel = null)
    {
        lock (_writeLock)
        {
            var current = _subscriptions;
            var kept = Array.FindAll(current, s => !(s.Subscriber.Equals(subscriber) && (channel is null || s.Channel == channel)));
            _subscriptions = kept;
            return kept.Length != current.Length;
        }
    }

    /// <summary>Delivers <paramref name="event"/> to every matching subscriber; stopped subscribers are dropped.</summary>
    public void Publish(object @event)
    {
        var subs = _subscriptions;
        var sawDead = false;
        for (var i = 0; i < subs.Length; i++)
        {
            var s = subs[i];
            if (!s.Channel.IsInstanceOfType(@event)) continue;
            if (s.Subscriber.IsTerminated())
            {
                sawDead = true;
                continue;
            }
            s.Subscriber.Tell(@event, null);
        }
        if (sawDead) RemoveDead();
    }

    private void RemoveDead()
    {
        lock (_writeLock) _subscriptions = Array.FindAll(_subscriptions, s => !s.Subscriber.IsTerminated());
    }
}
