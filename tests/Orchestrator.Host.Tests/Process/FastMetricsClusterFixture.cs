namespace Orchestrator.Host.Tests.Process;

/// <summary>
/// One <c>orch up</c> shared by the tests of a class, its node agent sampling metrics every 2 s (instead of 15 s) so
/// <c>top</c> has rows within seconds.
/// </summary>
public sealed class FastMetricsClusterFixture : IAsyncLifetime
{
    private OrchUp? _up;

    /// <summary>The running cluster.</summary>
    public OrchUp Up => _up ?? throw new InvalidOperationException("not started");

    /// <inheritdoc />
    public async Task InitializeAsync() =>
        _up = await OrchUp.StartAsync(folder => File.WriteAllText(Path.Combine(folder, "fast-metrics.conf"), "orchestrator.node-agent.metrics-interval = 2s\n"),
            "--config", "fast-metrics.conf");

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_up is not null) await _up.DisposeAsync();
    }
}
