using Orchestrator.Hocon;
using Orchestrator.Runtime;
using Orchestrator.Runtime.Persistence;

namespace Orchestrator.TestNode;

/// <summary>
/// Persists events as fast as it can and prints "ack N" after event N is durable, so a test can kill
/// the process at any moment and check that every acknowledged event survived, in order.
/// </summary>
internal static class PersistCrashMode
{
    public sealed record Counted(long Value);
    private sealed record Next;

    public static async Task<int> Run(string configFile, string persistenceId)
    {
        var system = ActorSystem.Create("crash-node", Config.ParseFile(configFile));
        system.Serialization.Register<Counted>("crash-counted/v1");
        var done = new TaskCompletionSource<int>();
        system.ActorOf(Props.Create(() => new Writer(persistenceId, done)), "writer");
        return await done.Task;
    }

    private sealed class Writer : ReceivePersistentActor
    {
        private const int InFlight = 8;
        private readonly string _id;
        private long _recovered;

        public Writer(string id, TaskCompletionSource<int> done)
        {
            _id = id;
            Recover<Counted>(e =>
            {
                if (e.Value != _recovered + 1) done.TrySetResult(3);
                _recovered = e.Value;
            });
            Recover<RecoveryCompleted>(_ =>
            {
                Console.Out.WriteLine($"recovered {_recovered}");
                Console.Out.Flush();
                Self.Tell(new Next(), Self);
            });
            Command<Next>(_ =>
            {
                // Several events in flight at once, as a busy entity would have.
                var events = Enumerable.Range(1, InFlight).Select(i => new Counted(LastSequenceNr + i)).ToList();
                PersistAll(events, e =>
                {
                    Console.Out.WriteLine($"ack {e.Value}");
                    if (e.Value % InFlight == 0)
                    {
                        Console.Out.Flush();
                        Self.Tell(new Next(), Self);
                    }
                });
            });
        }

        public override string PersistenceId => _id;

        protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
        {
            base.OnPersistFailure(cause, @event, sequenceNr);
            Console.Error.WriteLine($"persist failure at {sequenceNr}: {cause.Message}");
        }
    }
}
