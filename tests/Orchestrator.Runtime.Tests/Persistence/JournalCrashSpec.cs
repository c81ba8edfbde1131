using System.Text.Json;
using Orchestrator.Runtime.Persistence.Sql;
using Orchestrator.Runtime.Persistence.Storage;
using Orchestrator.Runtime.Tests.Persistence.Storage;
using Orchestrator.TestKit;

namespace Orchestrator.Runtime.Tests.Persistence;

/// <summary>
/// A separate process persists as fast as it can and prints each acknowledged sequence number; the
/// test kills it with SIGKILL mid-stream, three times, and checks that every acknowledged event is in the
/// journal, in order, with no gap and no duplicate, and that a restarted process continues from it.
/// </summary>
public abstract class JournalCrashContract
{
    private readonly TestKitSettings _settings = TestKitSettings.FromEnvironment();

    /// <summary>HOCON for the node's persistence.</summary>
    protected abstract string BackendConfig { get; }

    /// <summary>A storage reading the same journal as the node.</summary>
    protected abstract IJournalStorage OpenStorage();

    [Fact]
    public async Task Every_acknowledged_event_survives_kill_9_in_order_without_gaps()
    {
        var configFile = Path.Combine(Path.GetTempPath(), $"crash-{Guid.NewGuid():N}.conf");
        await File.WriteAllTextAsync(configFile, "orchestrator { stdout-logging = off, log-dead-letters = 0 }\n" + BackendConfig);
        const string persistenceId = "crash-writer";
        var highestAcked = 0L;

        for (var round = 1; round <= 3; round++)
        {
            await using var node = NodeProcess.Start(_settings, "persist-crash", configFile, persistenceId);
            var recovered = long.Parse(node.ExpectLine(l => l.StartsWith("recovered "), TimeSpan.FromSeconds(60), "'recovered N'").Split(' ')[1]);
            Assert.True(recovered >= highestAcked, $"round {round}: recovered {recovered} events but {highestAcked} were acknowledged before the kill");

            var target = recovered + 1000;
            while (highestAcked < target)
                highestAcked = Math.Max(highestAcked, AckOf(node.ExpectLine(l => l.StartsWith("ack "), TimeSpan.FromSeconds(60), $"acks up to {target}")));
            await node.Kill();
            foreach (var line in node.DrainLines().Where(l => l.StartsWith("ack "))) highestAcked = Math.Max(highestAcked, AckOf(line));
        }

        await using var storage = OpenStorage();
        var stored = await storage.ReplayAsync(persistenceId, 1, long.MaxValue, long.MaxValue).ToListAsync();
        Assert.True(stored.Count >= highestAcked, $"only {stored.Count} events stored but {highestAcked} were acknowledged");
        for (var i = 0; i < stored.Count; i++)
        {
            Assert.Equal(i + 1, stored[i].SequenceNr);
            using var json = JsonDocument.Parse(stored[i].Payload);
            Assert.Equal(i + 1, json.RootElement.GetProperty("value").GetInt64());
        }
        Assert.Equal(stored.Count, stored.Select(e => e.Ordering).Distinct().Count());
    }

    private static long AckOf(string line) => long.Parse(line.AsSpan(4));
}

public sealed class SqliteJournalCrashSpec : JournalCrashContract
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "orch-tests", Guid.NewGuid().ToString("N"), "journal.db");

    protected override string BackendConfig => $$"""
        orchestrator.persistence.journal.plugin = sqlite
        orchestrator.persistence.snapshot-store.plugin = sqlite
        orchestrator.persistence.sqlite.path = "{{_path}}"
        """;

    protected override IJournalStorage OpenStorage() => new SqliteJournalStorage(new SqlStorageOptions($"Data Source={_path}"));
}

public sealed class PostgresJournalCrashSpec(PostgresStorageFixture fixture) : JournalCrashContract, IClassFixture<PostgresStorageFixture>
{
    private readonly SqlStorageOptions _options = fixture.NewOptions();

    protected override string BackendConfig => $$"""
        orchestrator.persistence.journal.plugin = postgresql
        orchestrator.persistence.snapshot-store.plugin = postgresql
        orchestrator.persistence.postgresql.connection-string = "{{_options.ConnectionString}}"
        orchestrator.persistence.table-prefix = "{{_options.TablePrefix}}"
        """;

    protected override IJournalStorage OpenStorage() => new PostgresJournalStorage(_options);
}
