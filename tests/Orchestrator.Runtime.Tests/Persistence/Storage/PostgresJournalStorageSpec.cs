using System.Collections.Concurrent;
using Npgsql;
using Orchestrator.Runtime.Persistence.Sql;
using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Tests.Persistence.Storage;

/// <summary>
/// A unique table prefix per test class in the database named by <c>ORCH_TEST_POSTGRES</c>, dropped
/// afterwards. An unreachable server fails the tests (never skips them): a silently skipped database
/// suite is how ordering bugs reach production.
/// </summary>
public sealed class PostgresStorageFixture : IAsyncLifetime
{
    public const string DefaultConnectionString =
        "Host=127.0.0.1;Port=5432;Username=orchestrator;Password=orchestrator;Database=orchestrator_test";

    private readonly ConcurrentBag<string> _prefixes = [];
    private readonly ConcurrentBag<string> _schemas = [];

    public PostgresStorageFixture() => Options = NewOptions();

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ORCH_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    /// <summary>The shared tables of the class's tests.</summary>
    public SqlStorageOptions Options { get; }

    /// <summary>Options with a fresh prefix of their own, dropped with the fixture.</summary>
    public SqlStorageOptions NewOptions()
    {
        var prefix = $"ct_{Guid.NewGuid():N}"[..15] + "_";
        _prefixes.Add(prefix);
        return new SqlStorageOptions(ConnectionString, prefix);
    }

    /// <summary>Options with a fresh schema of their own, dropped with the fixture.</summary>
    public SqlStorageOptions NewSchemaOptions()
    {
        var schema = $"cs_{Guid.NewGuid():N}"[..15];
        _schemas.Add(schema);
        return new SqlStorageOptions(ConnectionString, "", schema);
    }

    public async Task InitializeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
        }
        catch (Exception e)
        {
            var shown = new NpgsqlConnectionStringBuilder(ConnectionString) { Password = "***" };
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable with '{shown}' (set ORCH_TEST_POSTGRES to override). " +
                "Start it with `bash scripts/ensure-postgres.sh` (as root). These tests fail rather than skip without a server.", e);
        }
    }

    public async Task DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        foreach (var prefix in _prefixes)
        {
            await using var drop = new NpgsqlCommand(
                $"DROP TABLE IF EXISTS \"{prefix}journal\", \"{prefix}journal_tags\", \"{prefix}journal_metadata\", \"{prefix}snapshot\"",
                connection);
            await drop.ExecuteNonQueryAsync();
        }
        foreach (var schema in _schemas)
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>The contract against PostgreSQL: every instance has its own Npgsql data source (connection pool).</summary>
public sealed class PostgresJournalStorageSpec(PostgresStorageFixture fixture) : SqlJournalStorageContract, IClassFixture<PostgresStorageFixture>
{
    protected override SqlStorageOptions Options => fixture.Options;

    protected override IJournalStorage NewJournal(SqlStorageOptions options) => new PostgresJournalStorage(options);

    protected override string Script(SqlStorageOptions options) => SqlSchema.Postgres(options);

    protected override IJournalStorage NewJournalInstance() => new PostgresJournalStorage(fixture.Options);

    protected override ISnapshotStorage NewSnapshotInstance() => new PostgresSnapshotStorage(fixture.Options);

    protected override IJournalStorage NewEmptyJournal() => new PostgresJournalStorage(fixture.NewOptions());

    [Fact]
    public async Task Tables_can_live_in_a_schema_of_their_own()
    {
        var options = fixture.NewSchemaOptions();
        var journal = Own(new PostgresJournalStorage(options));
        var snapshots = Own(new PostgresSnapshotStorage(options));
        await journal.InitializeAsync();
        await snapshots.InitializeAsync();
        var pid = TestEvents.NewId("schema");

        var orderings = await TestEvents.WriteAll(journal, TestEvents.Write(TestEvents.NewEvent(pid, 1)));
        await snapshots.SaveAsync(new SnapshotRepr(pid, 1, 10, "test.State", [1, 2, 3]));

        Assert.Equal(orderings[0], await journal.HighestOrderingAsync());
        Assert.Single(await TestEvents.Collect(journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue)));
        Assert.Equal([1, 2, 3], (await snapshots.LoadAsync(pid, SnapshotCriteria.Latest))?.Payload);
        // The class's own tables (search path) are different tables.
        Assert.Empty(await TestEvents.Collect(Journal.ReplayAsync(pid, 1, long.MaxValue, long.MaxValue)));
    }
}
