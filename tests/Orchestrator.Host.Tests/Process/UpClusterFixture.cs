namespace Orchestrator.Host.Tests.Process;

/// <summary>One <c>orch up</c> shared by the tests of a class (each test uses objects of its own names).</summary>
public sealed class UpClusterFixture : IAsyncLifetime
{
    private OrchUp? _up;

    /// <summary>The running cluster.</summary>
    public OrchUp Up => _up ?? throw new InvalidOperationException("not started");

    /// <inheritdoc />
    public async Task InitializeAsync() => _up = await OrchUp.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_up is not null) await _up.DisposeAsync();
    }
}
