using Npgsql;
using Orchestrator.Runtime.Cluster;
using Orchestrator.Runtime.Persistence;
using Orchestrator.Runtime.Tests.Persistence.Storage;

namespace Orchestrator.Runtime.Tests.Cluster;

/// <summary>The lease of lease-majority against a real database: one holder at a time, renewable, free after expiry.</summary>
public abstract class ClusterLeaseContract : IAsyncLifetime
{
    protected abstract PersistenceSettings Persistence { get; }

    private ClusterLease Lease(TimeSpan ttl) => new(Persistence, new SplitBrainResolverSettings { LeaseName = "spec", LeaseTtl = ttl });

    [Fact]
    public async Task Only_one_side_acquires_the_lease_and_the_holder_can_renew_it()
    {
        var lease = Lease(TimeSpan.FromMinutes(1));
        Assert.True(await lease.TryAcquireAsync("side-a"));
        Assert.False(await lease.TryAcquireAsync("side-b"));
        Assert.True(await lease.TryAcquireAsync("side-a"));
        Assert.Equal("side-a", await lease.HolderAsync());
    }

    [Fact]
    public async Task Two_sides_racing_for_a_free_lease_get_exactly_one_winner()
    {
        var lease = Lease(TimeSpan.FromMinutes(1));
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => lease.TryAcquireAsync($"side-{i}")));
        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task An_expired_lease_can_be_taken_by_another_side()
    {
        var shortLease = Lease(TimeSpan.FromMilliseconds(1));
        Assert.True(await shortLease.TryAcquireAsync("side-a"));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await shortLease.TryAcquireAsync("side-b"))
            Assert.True(DateTime.UtcNow < deadline, "the expired lease was never free again");
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;
}

public sealed class SqliteClusterLeaseSpec : ClusterLeaseContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "orch-lease-" + Guid.NewGuid().ToString("N"));

    protected override PersistenceSettings Persistence => new() { JournalPlugin = "sqlite", SqlitePath = Path.Combine(_directory, "journal.db") };

    public override Task DisposeAsync()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class PostgresClusterLeaseSpec : ClusterLeaseContract
{
    private readonly string _prefix = $"cl_{Guid.NewGuid():N}"[..15] + "_";

    protected override PersistenceSettings Persistence =>
        new() { JournalPlugin = "postgresql", PostgresConnectionString = PostgresStorageFixture.ConnectionString, TablePrefix = _prefix };

    public override async Task DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresStorageFixture.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS \"{_prefix}cluster_lease\"", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
