using System.Collections.Concurrent;
using Orchestrator.Runtime;

namespace Orchestrator.Benchmarks.Persistence;

/// <summary>An actor whose messages the benchmark thread takes one by one (the benchmark's TestActor).</summary>
internal sealed class BlockingInbox
{
    private readonly BlockingCollection<object> _messages = new();

    public BlockingInbox(ActorSystem system) => Ref = system.ActorOf(Props.Create(() => new Inbox(_messages)));

    public IActorRef Ref { get; }

    public object Take() => _messages.TryTake(out var m, TimeSpan.FromMinutes(2)) ? m : throw new TimeoutException("No message within 2 minutes.");

    private sealed class Inbox(BlockingCollection<object> messages) : UntypedActor
    {
        protected override void OnReceive(object message) => messages.Add(message);
    }
}
