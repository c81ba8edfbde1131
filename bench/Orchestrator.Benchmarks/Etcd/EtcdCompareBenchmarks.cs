using System.Diagnostics;
using Npgsql;
using Orchestrator.Hocon;
using Orchestrator.Runtime;
using Orchestrator.Runtime.Persistence;

namespace Orchestrator.Benchmarks.Etcd;

/// <summary>
/// Object writes side by side in one run: our journal (1,000 persistent actors, each persisting 20
/// events with a 256-byte payload one after another) against etcd on loopback (1,000 concurrent
/// writers, each putting a 256-byte value to its own key 20 times, one after another). Same totals,
/// same concurrency, both durable: the journal commits with the backend's durable settings and etcd
/// keeps its defaults (fsync of its WAL per commit). Prints writes/s of each and the ratio.
/// </summary>
/// <remarks>
/// etcd is reached two ways: its HTTP/JSON gateway (the comparison the issue asks for) and, for
/// reference, its native gRPC API, which is what the Kubernetes API server uses; the gateway adds
/// JSON and base64 work and an internal hop to etcd's own gRPC server, so it understates etcd.
/// Start etcd first with <c>bash scripts/ensure-etcd.sh</c>; a missing etcd fails the suite.
/// </remarks>
internal static class EtcdCompareBenchmarks
{
    private const int Writers = 1_000;
    private const int WritesPerWriter = 20;
    private const int ValueSize = 256;
    private const int DefaultPort = 2379;

    /// <summary>The event: its serialized form is exactly <see cref="ValueSize"/> bytes.</summary>
    public sealed record Value(string V);

    private sealed record Go(int Count, TaskCompletionSource Done);

    public static int Run(string plugin, int runs)
    {
        if (plugin is not ("sqlite" or "postgresql"))
        {
            Console.Error.WriteLine($"etcd-compare needs the journal plugin: etcd-compare sqlite|postgresql [--runs N] (got '{plugin}').");
            return 2;
        }
        var port = int.TryParse(Environment.GetEnvironmentVariable("ORCH_BENCH_ETCD_PORT"), out var p) ? p : DefaultPort;
        var value = SizedValue();

        using var gateway = new EtcdGatewayClient(port, Writers);
        using var grpc = new EtcdGrpcClient(port);
        gateway.ConnectAsync().GetAwaiter().GetResult();
        grpc.ProbeAsync().GetAwaiter().GetResult();

        var valueBytes = NewSystemScope.Serialize(value).Payload;
        var keys = Enumerable.Range(0, Writers).Select(i => System.Text.Encoding.ASCII.GetBytes($"orch-bench/objects/w-{i:D4}")).ToArray();
        var gatewayBodies = keys.Select(k => EtcdGatewayClient.PutBody(k, valueBytes)).ToArray();
        var grpcMessages = keys.Select(k => EtcdGrpcClient.PutMessage(k, valueBytes)).ToArray();

        var total = Writers * WritesPerWriter;
        Console.WriteLine($"etcd {gateway.ServerVersion} on 127.0.0.1:{port} (JSON gateway {gateway.GatewayPrefix}/kv/put, gRPC etcdserverpb.KV/Put), journal plugin {plugin}; " +
                          $"{Writers:N0} concurrent writers x {WritesPerWriter} writes of {ValueSize} B = {total:N0} writes per run");

        var what = $"{Writers:N0} writers x {WritesPerWriter} writes of {ValueSize} B";
        var journal = Median($"[{plugin}] journal: {what} (persistent actors)", runs, () => Journal(plugin, value));
        var overGateway = Median($"[etcd {gateway.ServerVersion}] JSON gateway: {what} (puts)", runs,
            () => Etcd(gateway.PutAsync, gatewayBodies));
        var overGrpc = Median($"[etcd {gateway.ServerVersion}] gRPC: {what} (puts, reference)", runs,
            () => Etcd(grpc.PutAsync, grpcMessages));

        Console.WriteLine($"RATIO [{plugin}] journal / etcd JSON gateway: {journal / overGateway:0.00}x " +
                          $"({Harness.Format(journal)} vs {Harness.Format(overGateway)} writes/s, medians of {runs} runs)");
        Console.WriteLine($"RATIO [{plugin}] journal / etcd gRPC: {journal / overGrpc:0.00}x " +
                          $"({Harness.Format(journal)} vs {Harness.Format(overGrpc)} writes/s, medians of {runs} runs)");
        return 0;
    }

    /// <summary>Runs <paramref name="workload"/> through the Harness and returns the median of the measured runs (not the warm-up).</summary>
    private static double Median(string name, int runs, Func<double> workload)
    {
        var measured = new List<double>();
        var warmUp = true;
        Harness.Run(name, "writes/s", runs, () =>
        {
            var result = workload();
            if (!warmUp) measured.Add(result);
            warmUp = false;
            return result;
        });
        measured.Sort();
        return measured[measured.Count / 2];
    }

    // ------------------------------------------------------------------ journal side

    private static double Journal(string plugin, Value value)
    {
        using var scope = new NewSystemScope(plugin);
        var stored = scope.System.Serialization.Serialize(value).Payload.Length;
        if (stored != ValueSize) throw new InvalidOperationException($"The journal would store {stored} bytes per event, not {ValueSize}.");
        var writers = Enumerable.Range(0, Writers)
            .Select(i => scope.System.ActorOf(Props.Create(() => new Writer($"etcd-compare-{i:D4}", value))))
            .ToList();
        // One event each first, outside the clock: recovery, table creation and the pool's connections.
        GoAll(writers, 1);
        var sw = Stopwatch.StartNew();
        GoAll(writers, WritesPerWriter);
        return Writers * WritesPerWriter / sw.Elapsed.TotalSeconds;
    }

    private static void GoAll(List<IActorRef> writers, int count)
    {
        var done = writers.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        for (var i = 0; i < writers.Count; i++) writers[i].Tell(new Go(count, done[i]), null);
        Await(Task.WhenAll(done.Select(d => d.Task)));
    }

    /// <summary>Persists <see cref="Go.Count"/> events one after another, each after the previous one is durable.</summary>
    private sealed class Writer : ReceivePersistentActor
    {
        private readonly string _id;
        private readonly Tagged _event;

        public Writer(string id, Value value)
        {
            _id = id;
            // One tag, as the object store tags every event with its kind: the journal indexes it too.
            _event = new Tagged(value, ["bench"]);
            Recover<Value>(_ => { });
            Command<Go>(go => Step(go.Count, go.Done));
        }

        public override string PersistenceId => _id;

        private void Step(int left, TaskCompletionSource done)
        {
            if (left == 0)
            {
                done.TrySetResult();
                return;
            }
            Persist(_event, _ => Step(left - 1, done));
        }
    }

    private static Value SizedValue()
    {
        var overhead = NewSystemScope.Serialize(new Value("")).Payload.Length;
        var value = new Value(new string('x', ValueSize - overhead));
        var size = NewSystemScope.Serialize(value).Payload.Length;
        if (size != ValueSize) throw new InvalidOperationException($"The benchmark event serializes to {size} bytes, not {ValueSize}.");
        return value;
    }

    /// <summary>An actor system on fresh tables (a new prefix or file), dropped again when the run is over.</summary>
    private sealed class NewSystemScope : IDisposable
    {
        private const string Manifest = "etcd-compare-value/v1";

        private static readonly string PostgresConnectionString =
            Environment.GetEnvironmentVariable("ORCH_BENCH_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=orchestrator;Password=orchestrator;Database=orchestrator_test";

        private readonly string _plugin;
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "orch-bench", Guid.NewGuid().ToString("N"));
        private readonly string _prefix = $"etcdcmp_{Guid.NewGuid().ToString("N")[..8]}_";

        public NewSystemScope(string plugin)
        {
            _plugin = plugin;
            var hocon = $$"""
                orchestrator { loglevel = Warning, log-dead-letters = 0 }
                orchestrator.persistence {
                  journal.plugin = {{plugin}}
                  snapshot-store.plugin = {{plugin}}
                  sqlite.path = "{{Path.Combine(_directory, "journal.db")}}"
                  postgresql.connection-string = "{{PostgresConnectionString}}"
                  table-prefix = "{{_prefix}}"
                }
                """;
            System = ActorSystem.Create("etcdcompare", Config.Parse(hocon, "etcd-compare"));
            System.Serialization.Register<Value>(Manifest);
        }

        public ActorSystem System { get; }

        /// <summary>What the journal stores for <paramref name="value"/>.</summary>
        public static (string Manifest, byte[] Payload) Serialize(Value value)
        {
            var registry = new Orchestrator.Runtime.Serialization.SerializationRegistry();
            registry.Register<Value>(Manifest);
            return registry.Serialize(value);
        }

        public void Dispose()
        {
            System.Terminate().Wait();
            if (_plugin == "postgresql")
            {
                using var connection = new NpgsqlConnection(PostgresConnectionString);
                connection.Open();
                using var drop = new NpgsqlCommand(
                    $"DROP TABLE IF EXISTS \"{_prefix}journal\", \"{_prefix}journal_tags\", \"{_prefix}journal_metadata\", \"{_prefix}snapshot\"", connection);
                drop.ExecuteNonQuery();
            }
            else if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
    }

    // ------------------------------------------------------------------ etcd side

    private static double Etcd(Func<byte[], Task> put, byte[][] requests)
    {
        var sw = Stopwatch.StartNew();
        var writers = new Task[requests.Length];
        for (var i = 0; i < requests.Length; i++) writers[i] = PutInTurn(put, requests[i], WritesPerWriter);
        Await(Task.WhenAll(writers));
        return requests.Length * WritesPerWriter / sw.Elapsed.TotalSeconds;
    }

    // One writer: each put waits for the previous one's acknowledgement, like a persistent actor.
    private static async Task PutInTurn(Func<byte[], Task> put, byte[] request, int count)
    {
        await Task.Yield();
        for (var i = 0; i < count; i++) await put(request);
    }

    private static void Await(Task task)
    {
        // Wait rethrows a failed put or persist; a stopped entity would otherwise hang the run.
        if (!task.Wait(TimeSpan.FromMinutes(3))) throw new TimeoutException("A benchmark step did not finish within 3 minutes.");
    }
}
