using System.Collections.Concurrent;
using System.Diagnostics;
using Orchestrator.Runtime;
using Xunit.Sdk;

namespace Orchestrator.TestKit;

/// <summary>
/// A stand-in actor a test can send from and receive into, then assert on what arrived.
/// Every expectation waits at most its timeout (dilated for slow machines) and fails with a
/// message naming what was expected and what came instead.
/// </summary>
public sealed class TestProbe
{
    private readonly BlockingCollection<(object Message, IActorRef Sender)> _queue = new();
    private readonly TestKitSettings _settings;
    private DateTime? _withinDeadline;

    internal TestProbe(ActorSystem system, TestKitSettings settings, string name)
    {
        _settings = settings;
        System = system;
        Ref = system.ActorOf(Props.Create(() => new ProbeActor(_queue)), name);
    }

    /// <summary>The probe's actor; messages sent to it are queued for the expectations.</summary>
    public IActorRef Ref { get; }

    /// <summary>The system the probe lives in.</summary>
    public ActorSystem System { get; }

    /// <summary>The sender of the last message received.</summary>
    public IActorRef LastSender { get; private set; } = ActorRefs.Nobody;

    /// <summary>The last message received.</summary>
    public object? LastMessage { get; private set; }

    /// <summary>True when a message is waiting.</summary>
    public bool HasMessages => _queue.Count > 0;

    /// <summary>Tells <paramref name="message"/> to <paramref name="target"/> with this probe as sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, Ref);

    /// <summary>Answers the sender of the last message.</summary>
    public void Reply(object message) => LastSender.Tell(message, Ref);

    /// <summary>Passes the last message on to <paramref name="target"/>, keeping its original sender.</summary>
    public void Forward(IActorRef target) => target.Tell(LastMessage ?? throw new InvalidOperationException("No message to forward yet."), LastSender);

    /// <summary>Watches <paramref name="target"/>: its <see cref="Terminated"/> arrives at this probe.</summary>
    public IActorRef Watch(IActorRef target)
    {
        Ref.Ask<ProbeActor.Ack>(new ProbeActor.WatchCommand(target, Watch: true), _settings.Dilated(_settings.SingleExpectDefault)).GetAwaiter().GetResult();
        return target;
    }

    /// <summary>Stops watching <paramref name="target"/>.</summary>
    public IActorRef Unwatch(IActorRef target)
    {
        Ref.Ask<ProbeActor.Ack>(new ProbeActor.WatchCommand(target, Watch: false), _settings.Dilated(_settings.SingleExpectDefault)).GetAwaiter().GetResult();
        return target;
    }

    /// <summary>Receives the next message, which must be a <typeparamref name="T"/>.</summary>
    public T ExpectMsg<T>(TimeSpan? timeout = null) => ExpectMsg<T>(static _ => true, timeout);

    /// <summary>Receives the next message, which must equal <paramref name="expected"/>.</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) where T : notnull =>
        ExpectMsg<T>(m => Equals(m, expected), timeout, $"equal to {expected}");

    /// <summary>Receives the next message, which must be a <typeparamref name="T"/> matching <paramref name="predicate"/>.</summary>
    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? timeout = null, string? hint = null)
    {
        var wait = Remaining(timeout);
        if (!TryReceive(wait, out var message))
            throw new XunitException($"Timeout ({wait.TotalMilliseconds:0} ms) waiting for a message of type {typeof(T).Name}{Hint(hint)}.");
        if (message is not T typed)
            throw new XunitException($"Expected a message of type {typeof(T).Name}{Hint(hint)} but got {Describe(message)}.");
        if (!predicate(typed))
            throw new XunitException($"Message {Describe(message)} of type {typeof(T).Name} did not match{Hint(hint)}.");
        return typed;
    }

    /// <summary>Expects a <see cref="Terminated"/> for <paramref name="actor"/> (the probe must watch it).</summary>
    public Terminated ExpectTerminated(IActorRef actor, TimeSpan? timeout = null) =>
        ExpectMsg<Terminated>(t => t.ActorRef.Equals(actor), timeout, $"for {actor.Path}");

    /// <summary>Asserts that no message arrives within <paramref name="duration"/> (dilated; default 100 ms).</summary>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        var wait = _settings.Dilated(duration ?? TimeSpan.FromMilliseconds(100));
        if (TryReceive(wait, out var message))
            throw new XunitException($"Expected no message within {wait.TotalMilliseconds:0} ms but got {Describe(message)}.");
    }

    /// <summary>Receives any one message.</summary>
    public object ReceiveOne(TimeSpan? timeout = null)
    {
        var wait = Remaining(timeout);
        return TryReceive(wait, out var message)
            ? message
            : throw new XunitException($"Timeout ({wait.TotalMilliseconds:0} ms) waiting for any message.");
    }

    /// <summary>Receives exactly <paramref name="count"/> messages, all within <paramref name="timeout"/>.</summary>
    public IReadOnlyList<object> ReceiveN(int count, TimeSpan? timeout = null)
    {
        // Measured with a stopwatch rather than converted to timestamp ticks, which overflows for long timeouts.
        var wait = Remaining(timeout);
        var watch = Stopwatch.StartNew();
        var result = new List<object>(count);
        while (result.Count < count)
        {
            var left = wait == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : wait - watch.Elapsed;
            if (left < TimeSpan.Zero && left != Timeout.InfiniteTimeSpan) left = TimeSpan.Zero;
            if (!TryReceive(left, out var message))
                throw new XunitException($"Timeout waiting for {count} messages: got {result.Count}.");
            result.Add(message);
        }
        return result;
    }

    /// <summary>Receives messages, ignoring those that do not match, until one matches.</summary>
    public T FishForMessage<T>(Predicate<T> predicate, TimeSpan? timeout = null, string? hint = null)
    {
        var wait = Remaining(timeout);
        var watch = Stopwatch.StartNew();
        var skipped = 0;
        while (true)
        {
            var left = wait - watch.Elapsed;
            if (left <= TimeSpan.Zero || !TryReceive(left, out var message))
                throw new XunitException($"Timeout ({wait.TotalMilliseconds:0} ms) fishing for a {typeof(T).Name}{Hint(hint)}; skipped {skipped} other messages.");
            if (message is T typed && predicate(typed)) return typed;
            skipped++;
        }
    }

    /// <summary>Runs <paramref name="action"/>, which must finish between <paramref name="min"/> and <paramref name="max"/> (dilated); expectations inside share that deadline.</summary>
    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> action)
    {
        var dilatedMax = _settings.Dilated(max);
        var saved = _withinDeadline;
        var start = Stopwatch.StartNew();
        _withinDeadline = DateTime.UtcNow + dilatedMax;
        try
        {
            var result = action();
            var elapsed = start.Elapsed;
            if (elapsed < min) throw new XunitException($"Block finished in {elapsed.TotalMilliseconds:0} ms, before the minimum of {min.TotalMilliseconds:0} ms.");
            if (elapsed > dilatedMax) throw new XunitException($"Block took {elapsed.TotalMilliseconds:0} ms, more than {dilatedMax.TotalMilliseconds:0} ms.");
            return result;
        }
        finally
        {
            _withinDeadline = saved;
        }
    }

    /// <summary>Runs <paramref name="action"/>, which must finish within <paramref name="max"/> (dilated).</summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, () => { action(); return 0; });

    private TimeSpan Remaining(TimeSpan? timeout)
    {
        var wait = _settings.Dilated(timeout ?? _settings.SingleExpectDefault);
        if (_withinDeadline is { } end)
        {
            var left = end - DateTime.UtcNow;
            if (wait == Timeout.InfiniteTimeSpan || left < wait) wait = left < TimeSpan.Zero ? TimeSpan.Zero : left;
        }
        return wait;
    }

    private bool TryReceive(TimeSpan wait, out object message)
    {
        if (_queue.TryTake(out var item, wait))
        {
            LastMessage = item.Message;
            LastSender = item.Sender;
            message = item.Message;
            return true;
        }
        message = null!;
        return false;
    }

    private static string Hint(string? hint) => hint is null ? "" : " " + hint;

    private static string Describe(object message) => $"{message.GetType().Name}: {message}";

    /// <summary>The actor behind a probe: queues what it receives and watches on request.</summary>
    private sealed class ProbeActor(BlockingCollection<(object, IActorRef)> queue) : ActorBase
    {
        public sealed record WatchCommand(IActorRef Target, bool Watch);
        public sealed record Ack;

        protected override bool Receive(object message)
        {
            if (message is WatchCommand command)
            {
                if (command.Watch) Context.Watch(command.Target);
                else Context.Unwatch(command.Target);
                Sender.Tell(new Ack(), Self);
                return true;
            }
            queue.Add((message, Sender));
            return true;
        }
    }
}
