using System.Collections.Concurrent;
using Xunit.Sdk;

namespace Orchestrator.Runtime.Tests.Remoting;

/// <summary>
/// A collecting actor in any system (the TestKit's probes live in its own system only): specs use it
/// to receive in the second system of a pair. Waits are dilated like the TestKit's expectations.
/// </summary>
public sealed class Inbox
{
    private readonly BlockingCollection<(object Message, IActorRef? Sender)> _queue = new();
    private readonly TestKit.TestKitSettings _settings;

    public Inbox(ActorSystem system, TestKit.TestKitSettings settings, string? name = null)
    {
        _settings = settings;
        Ref = system.ActorOf(Props.Create(() => new Collector(_queue)), name);
    }

    public IActorRef Ref { get; }

    /// <summary>Exactly <paramref name="count"/> messages, all within <paramref name="timeout"/> (dilated).</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan timeout, string? what = null)
    {
        var deadline = DateTime.UtcNow + _settings.Dilated(timeout);
        var result = new List<object>(count);
        while (result.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left < TimeSpan.Zero || !_queue.TryTake(out var item, left))
                throw new XunitException($"Inbox {Ref.Path} got {result.Count} of {count} messages{(what is null ? "" : $" ({what})")} in time.");
            result.Add(item.Message);
        }
        return result;
    }

    /// <summary>Fails when a message arrives within <paramref name="duration"/> (dilated).</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        if (_queue.TryTake(out var item, _settings.Dilated(duration)))
            throw new XunitException($"Inbox {Ref.Path} expected no message but got {item.Message}.");
    }

    private sealed class Collector(BlockingCollection<(object, IActorRef?)> queue) : ActorBase
    {
        protected override bool Receive(object message)
        {
            queue.Add((message, Sender));
            return true;
        }
    }
}
