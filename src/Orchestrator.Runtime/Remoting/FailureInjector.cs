namespace Orchestrator.Runtime.Remoting;

/// <summary>
/// Test hook of the transport: cuts this system off from chosen peers by dropping every user message
/// (cluster gossip and heartbeats included) sent to them or received from them, as a broken network link
/// would, without touching the host's network. System messages (watch, death notices) still pass, so the
/// remote death-watch bookkeeping stays consistent. Enabled only with
/// <c>orchestrator.remote.failure-injector = on</c>, so a production system can never be partitioned by accident.
/// </summary>
public sealed class FailureInjector
{
    private readonly RemoteTransport _transport;

    private FailureInjector(RemoteTransport transport) => _transport = transport;

    /// <summary>The failure injector of <paramref name="system"/>.</summary>
    /// <exception cref="InvalidOperationException">Remoting or the failure injector is not enabled.</exception>
    public static FailureInjector For(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var transport = system.Remote ?? throw new InvalidOperationException($"Actor system '{system.Name}' has no remoting (orchestrator.remote.enabled = off).");
        if (!transport.Settings.FailureInjector)
            throw new InvalidOperationException($"The failure injector of '{system.Name}' is disabled: set orchestrator.remote.failure-injector = on (tests only).");
        return system.GetOrCreateExtension(_ => new FailureInjector(transport));
    }

    /// <summary>Drops user messages to and from <paramref name="peer"/> until <see cref="Heal"/>.</summary>
    public void Blackhole(Address peer) => _transport.SetBlackhole(peer, on: true);

    /// <summary>Lets messages to and from <paramref name="peer"/> pass again.</summary>
    public void Heal(Address peer) => _transport.SetBlackhole(peer, on: false);

    /// <summary>True while <paramref name="peer"/> is blackholed.</summary>
    public bool IsBlackholed(Address peer) => _transport.IsBlackholed(peer);
}
