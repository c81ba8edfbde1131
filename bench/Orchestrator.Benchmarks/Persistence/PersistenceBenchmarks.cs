using System.Diagnostics;
using Orchestrator.Hocon;
using Orchestrator.Runtime;
using Orchestrator.Runtime.Persistence;

namespace Orchestrator.Benchmarks.Persistence;

/// <summary>
/// Persistence workloads on a real backend (durable commits): events/s for one actor persisting one
/// event at a time and for 1,000 actors persisting concurrently, recovery of 10,000 events with and
/// without a snapshot, and EventsByTag catch-up.
/// </summary>
internal static class PersistenceBenchmarks
{
    public sealed record Payload(long Value, string Padding);
    public sealed record Snap(long Value);

    public static void Run(string plugin, string which, int runs)
    {
        var all = which == "all";
        if (all || which == "single") Harness.Run($"[{plugin}] 1 actor, 2,000 events one at a time", "events/s", runs, () => Single(plugin, 2_000));
        if (all || which == "concurrent") Harness.Run($"[{plugin}] 1,000 actors x 20 events concurrently", "events/s", runs, () => Concurrent(plugin, 1_000, 20));
        if (all || which == "recovery") RecoveryAndCatchUp(plugin, runs);
    }

    internal static ActorSystem NewSystem(string plugin, string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "orch-bench", Guid.NewGuid().ToString("N"));
        var hocon = $$"""
            orchestrator { loglevel = Warning, log-dead-letters = 0 }
            orchestrator.persistence {
              journal.plugin = {{plugin}}
              snapshot-store.plugin = {{plugin}}
              sqlite.path = "{{Path.Combine(dir, "journal.db")}}"
              postgresql.connection-string = "{{Environment.GetEnvironmentVariable("ORCH_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=orchestrator;Password=orchestrator;Database=orchestrator_test"}}"
              table-prefix = "bench_{{Guid.NewGuid().ToString("N")[..8]}}_"
            }
            """;
        var system = ActorSystem.Create(name, Config.Parse(hocon, "bench"));
        system.Serialization.Register<Payload>("bench-payload/v1");
        system.Serialization.Register<Snap>("bench-snap/v1");
        return system;
    }

    private sealed record Go(int Count, TaskCompletionSource Done);
    private sealed record SnapshotNow;

    /// <summary>Persists events one after another: each waits for the previous one to be durable.</summary>
    private sealed class Writer : ReceivePersistentActor
    {
        private readonly string _id;
        private readonly string _padding = new('x', 200);
        private long _recovered;

        public Writer(string id, IActorRef? recoveryProbe = null)
        {
            _id = id;
            Recover<Payload>(p => _recovered = p.Value);
            Recover<SnapshotOffer>(o => _recovered = ((Snap)o.Snapshot).Value);
            Recover<RecoveryCompleted>(_ => recoveryProbe?.Tell(_recovered, Self));
            Command<Go>(go => Step(go.Count, go.Done));
            Command<SnapshotNow>(_ => SaveSnapshot(new Snap(LastSequenceNr)));
            Command<SaveSnapshotSuccess>(_ => recoveryProbe?.Tell("snapshot", Self));
        }

        public override string PersistenceId => _id;

        private void Step(int left, TaskCompletionSource done)
        {
            if (left == 0)
            {
                done.TrySetResult();
                return;
            }
            Persist(new Tagged(new Payload(LastSequenceNr + 1, _padding), ["bench"]), _ => Step(left - 1, done));
        }
    }

    private static double Single(string plugin, int events)
    {
        using var run = new SystemScope(NewSystem(plugin, "single"));
        var writer = run.System.ActorOf(Props.Create(() => new Writer("single-1", null)));
        Warm(writer);
        var done = new TaskCompletionSource();
        var sw = Stopwatch.StartNew();
        writer.Tell(new Go(events, done), null);
        Await(done.Task);
        return events / sw.Elapsed.TotalSeconds;
    }

    private static double Concurrent(string plugin, int actors, int perActor)
    {
        using var run = new SystemScope(NewSystem(plugin, "concurrent"));
        var writers = Enumerable.Range(0, actors).Select(i => run.System.ActorOf(Props.Create(() => new Writer($"c-{i}", null)))).ToList();
        foreach (var w in writers) Warm(w);
        var dones = writers.Select(_ => new TaskCompletionSource()).ToList();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < actors; i++) writers[i].Tell(new Go(perActor, dones[i]), null);
        Await(Task.WhenAll(dones.Select(d => d.Task)));
        return actors * perActor / sw.Elapsed.TotalSeconds;
    }

    /// <summary>One event so that recovery and table creation are not part of the measurement.</summary>
    private static void Warm(IActorRef writer)
    {
        var done = new TaskCompletionSource();
        writer.Tell(new Go(1, done), null);
        Await(done.Task);
    }

    private static void RecoveryAndCatchUp(string plugin, int runs)
    {
        const int events = 10_000;
        using var run = new SystemScope(NewSystem(plugin, "recovery"));
        var system = run.System;
        var writers = new[] { "rec-plain", "rec-snap" }.Select(id => system.ActorOf(Props.Create(() => new Writer(id, null)))).ToList();
        var fills = writers.Select(_ => new TaskCompletionSource()).ToList();
        for (var i = 0; i < writers.Count; i++) writers[i].Tell(new Go(events, fills[i]), null);
        Await(Task.WhenAll(fills.Select(f => f.Task)));
        var inbox = new BlockingInbox(system);
        writers[1].Tell(new SnapshotNow(), inbox.Ref);
        var snapWriter = system.ActorOf(Props.Create(() => new Writer("rec-snap", inbox.Ref)));
        inbox.Take(); // recovered
        snapWriter.Tell(new SnapshotNow(), null);
        inbox.Take(); // "snapshot"

        Harness.Run($"[{plugin}] recovery of 10,000 events, no snapshot", "events/s", runs, () =>
        {
            var sw = Stopwatch.StartNew();
            system.ActorOf(Props.Create(() => new Writer("rec-plain", inbox.Ref)));
            var recovered = (long)inbox.Take();
            return recovered / sw.Elapsed.TotalSeconds;
        });
        Harness.Run($"[{plugin}] recovery of 10,000 events from a snapshot at 10,000", "recoveries/s", runs, () =>
        {
            var sw = Stopwatch.StartNew();
            system.ActorOf(Props.Create(() => new Writer("rec-snap", inbox.Ref)));
            inbox.Take();
            return 1 / sw.Elapsed.TotalSeconds;
        });
        Harness.Run($"[{plugin}] EventsByTag catch-up over 20,002 tagged events", "events/s", runs, () =>
        {
            var query = Orchestrator.Runtime.Persistence.Persistence.Get(system).Query;
            var sw = Stopwatch.StartNew();
            var count = 0;
            foreach (var _ in query.CurrentEventsByTag("bench").ToBlockingEnumerable()) count++;
            return count / sw.Elapsed.TotalSeconds;
        });
    }

    /// <summary>Waits for a workload step; a stopped entity (e.g. a failed recovery) fails the run instead of hanging it.</summary>
    private static void Await(Task task)
    {
        if (!task.Wait(TimeSpan.FromMinutes(3))) throw new TimeoutException("A benchmark step did not finish within 3 minutes; an entity probably stopped (see the log).");
    }

    /// <summary>Terminates the system when the workload is done and drops its PostgreSQL tables.</summary>
    private sealed class SystemScope(ActorSystem system) : IDisposable
    {
        public ActorSystem System { get; } = system;

        public void Dispose()
        {
            System.Terminate().Wait();
            DropTables(System.Config);
        }
    }

    /// <summary>Each run writes to tables of its own prefix; a PostgreSQL run drops them so repeated runs do not pile tables up.</summary>
    internal static void DropTables(Config config)
    {
        if (config.GetString("orchestrator.persistence.journal.plugin") != "postgresql") return;
        var prefix = config.GetString("orchestrator.persistence.table-prefix");
        using var connection = new Npgsql.NpgsqlConnection(config.GetString("orchestrator.persistence.postgresql.connection-string"));
        connection.Open();
        using var drop = new Npgsql.NpgsqlCommand(
            $"DROP TABLE IF EXISTS \"{prefix}journal_tags\", \"{prefix}journal_metadata\", \"{prefix}journal\", \"{prefix}snapshot\"", connection);
        drop.ExecuteNonQuery();
    }
}
