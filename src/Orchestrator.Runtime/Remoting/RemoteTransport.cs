using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using Orchestrator.Runtime.Dispatch;

namespace Orchestrator.Runtime.Remoting;

/// <summary>
/// Remoting of one actor system: the TCP listener, the associations with other systems (one per
/// remote address), the remote death-watch table and the periodic heartbeat / failure-detection tick.
/// Socket I/O runs on its own async loops, never on dispatcher threads: a Tell to a remote actor only
/// enqueues. Created by <see cref="ActorSystem.Create(string, Orchestrator.Hocon.Config, ILoggerFactory?)"/>
/// when <c>orchestrator.remote.enabled</c> is on.
/// </summary>
internal sealed class RemoteTransport
{
    /// <summary>The protocol of network addresses.</summary>
    public const string Protocol = "orch.tcp";

    /// <summary>The reason an acceptor gives when the simultaneous-dial race made the dialer's connection the loser.</summary>
    public const string DuplicateReason = "duplicate connection";

    private readonly Socket _listener;
    private readonly ConcurrentDictionary<Address, Association> _associations = new();
    private readonly ConcurrentDictionary<(Address, long), byte> _quarantined = new();
    private readonly ConcurrentDictionary<Address, byte> _blackholed = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly object _shutdownLock = new();
    private Task? _shutdownTask;
    private volatile bool _shuttingDown;
    private Timer? _timer;
    private ActorSystem? _system;

    private RemoteTransport(RemoteSettings settings, Socket listener, Address address)
    {
        Settings = settings;
        _listener = listener;
        LocalAddress = address;
        SecretKey = Encoding.UTF8.GetBytes(settings.ClusterSecret);
        Log = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    public RemoteSettings Settings { get; }

    /// <summary>This system's network address, with the port actually bound.</summary>
    public Address LocalAddress { get; }

    /// <summary>This incarnation of the system: a restarted process on the same address has another.</summary>
    public long Uid { get; } = Random.Shared.NextInt64(1, long.MaxValue);

    public byte[] SecretKey { get; }

    public ActorSystem System => _system ?? throw new InvalidOperationException("Remoting has not been started.");

    public ILogger Log { get; private set; }

    public RemoteWatcher Watcher { get; } = new();

    public CancellationToken ShutdownToken => _shutdown.Token;

    public bool IsShuttingDown => _shuttingDown;

    /// <summary>Binds the listening socket (before the system exists, whose address names the bound port).</summary>
    public static RemoteTransport Bind(string systemName, RemoteSettings settings)
    {
        settings.Validate();
        var ip = IPAddress.TryParse(settings.Hostname, out var parsed) ? parsed : Dns.GetHostAddresses(settings.Hostname).First();
        var listener = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // SO_REUSEADDR only (not the managed ReuseAddress option, which also sets SO_REUSEPORT on Linux and
            // would let two live processes share a port): a restarted process can bind its port again while
            // connections of its previous life linger in TIME_WAIT.
            if (OperatingSystem.IsLinux()) listener.SetRawSocketOption(1 /* SOL_SOCKET */, 2 /* SO_REUSEADDR */, BitConverter.GetBytes(1));
            listener.Bind(new IPEndPoint(ip, settings.Port));
            listener.Listen(512);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new InvalidOperationException($"Remoting could not listen on {settings.Hostname}:{settings.Port}: {e.Message}", e);
        }
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        return new RemoteTransport(settings, listener, new Address(Protocol, systemName, settings.Hostname, port));
    }

    /// <summary>Starts accepting and ticking, and registers the kernel messages' manifests and the shutdown task.</summary>
    public void Start(ActorSystem system)
    {
        _system = system;
        Log = system.Logging.For(LocalAddress.ToString(), "Orchestrator.Runtime.Remoting");
        BuiltInMessages.Register(system.Serialization);
        // Associations close after every actor has stopped, so the death notifications of stopping actors
        // still reach remote watchers; a system stopped without coordinated shutdown closes them too.
        system.CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseActorSystemTerminate, "remoting-close-associations", async () =>
        {
            await system.WhenTerminated.ConfigureAwait(false);
            await ShutdownAsync().ConfigureAwait(false);
        });
        system.WhenTerminated.ContinueWith(_ => ShutdownAsync(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        _ = Task.Run(AcceptLoop);
        _timer = new Timer(static s => ((RemoteTransport)s!).Tick(), this, Settings.HeartbeatInterval, Settings.HeartbeatInterval);
        RemoteLog.Listening(Log, LocalAddress.ToString());
    }

    public RemoteActorRef RefFor(ActorPath path) => new(this, path);

    /// <summary>The live association with <paramref name="remote"/>, created when there is none.</summary>
    public Association AssociationFor(Address remote)
    {
        while (true)
        {
            if (_associations.TryGetValue(remote, out var existing) && !existing.IsTerminated) return existing;
            var created = new Association(this, remote);
            if (existing is null ? _associations.TryAdd(remote, created) : _associations.TryUpdate(remote, created, existing)) return created;
        }
    }

    /// <summary>The association with <paramref name="remote"/> if there is one (tests and diagnostics).</summary>
    public Association? ExistingAssociation(Address remote) => _associations.GetValueOrDefault(remote);

    public void Send(RemoteActorRef recipient, in OutboundEnvelope e)
    {
        if (_shuttingDown)
        {
            DeadLetter(e, "remoting is shut down");
            return;
        }
        if (recipient.Path.Address.Protocol != Protocol)
        {
            DeadLetter(e, $"protocol {recipient.Path.Address.Protocol} is not {Protocol}");
            return;
        }
        // A test partition: the message is lost, as on a cut network link.
        if (!_blackholed.IsEmpty && _blackholed.ContainsKey(recipient.Path.Address)) return;
        // A false answer means the association was lost between lookup and enqueue: the ref looks up a fresh one.
        for (var attempt = 0; attempt < 3; attempt++)
            if (recipient.Association.Send(e)) return;
        DeadLetter(e, "no association");
    }

    /// <summary>
    /// Routes a kernel system message to a remote actor. Watches are recorded before they are sent, so a
    /// loss of the address at any moment after this call notifies the watcher.
    /// </summary>
    public void SendSystem(RemoteActorRef recipient, SystemMessage message)
    {
        switch (message)
        {
            case Watch w:
                Watcher.AddOutbound(w.Watchee, w.Watcher);
                break;
            case Unwatch u:
                Watcher.RemoveOutbound(u.Watchee, u.Watcher);
                break;
            case DeathWatchNotification n when n.Actor is IInternalActorRef dead:
                Watcher.RemoveInbound(dead, recipient);
                break;
            case Terminate:
                break;
            default:
                // Supervision and lifecycle messages never cross processes (there is no remote deployment).
                return;
        }
        if (_shuttingDown || recipient.Path.Address.Protocol != Protocol) return;
        var e = new OutboundEnvelope(FrameKind.System, recipient, message, null);
        for (var attempt = 0; attempt < 3; attempt++)
            if (recipient.Association.SendSystem(e)) return;
    }

    /// <summary>The local actor an inbound frame names (its address is ignored: the frame came to this system).</summary>
    public IInternalActorRef ResolveInbound(string path)
    {
        if (!ActorPath.TryParse(path, out var parsed)) throw new ProtocolViolationException($"malformed recipient path '{path}'");
        return System.ResolveLocal(parsed!) ?? new EmptyLocalActorRef(System, parsed!);
    }

    public void DeadLetter(in OutboundEnvelope e, string reason)
    {
        if (e.Message is null || e.Kind is not (FrameKind.User or FrameKind.Selection)) return;
        IActorRef recipient = e.Recipient is null ? System.DeadLetters : e.Recipient;
        System.DeadLetterRef.Publish(e.Message, e.Sender, recipient, "remote: " + reason);
    }

    public bool IsQuarantined(Address address, long uid) => _quarantined.ContainsKey((address, uid));

    /// <summary>True while user messages to and from <paramref name="address"/> are dropped (<see cref="FailureInjector"/>).</summary>
    public bool IsBlackholed(Address address) => !_blackholed.IsEmpty && _blackholed.ContainsKey(address);

    /// <summary>Starts (<paramref name="on"/>) or stops dropping user messages to and from <paramref name="address"/>.</summary>
    public void SetBlackhole(Address address, bool on)
    {
        if (on) _blackholed.TryAdd(address, 0);
        else _blackholed.TryRemove(address, out _);
    }

    /// <summary>
    /// The cluster removed the incarnation <paramref name="uid"/> at <paramref name="address"/>: it is quarantined
    /// (it can never associate again) and every watch of its actors gets Terminated with AddressTerminated.
    /// </summary>
    public void QuarantineRemoved(Address address, long uid, string reason)
    {
        if (_shuttingDown || !_quarantined.TryAdd((address, uid), 0)) return;
        RemoteLog.AssociationLost(Log, address.ToString(), reason);
        // An association already talking to a newer incarnation stays: the old one's watches were notified when it changed.
        if (_associations.TryGetValue(address, out var association))
        {
            if (association.PeerUid == uid || association.PeerUid == 0) association.Lost(reason);
        }
        else
        {
            Watcher.AddressTerminated(address);
        }
    }

    /// <summary>An association was lost for good: its incarnation is quarantined and its watches notified.</summary>
    public void OnAssociationLost(Association association, long peerUid, string reason)
    {
        _associations.TryRemove(new KeyValuePair<Address, Association>(association.Remote, association));
        if (peerUid != 0) _quarantined.TryAdd((association.Remote, peerUid), 0);
        if (!_shuttingDown) RemoteLog.AssociationLost(Log, association.Remote.ToString(), reason);
        Watcher.AddressTerminated(association.Remote);
    }

    /// <summary>The peer came back as another incarnation: the old one's actors are dead.</summary>
    public void OnPeerRestarted(Association association, long oldUid, long newUid)
    {
        _quarantined.TryAdd((association.Remote, oldUid), 0);
        RemoteLog.PeerRestarted(Log, association.Remote.ToString(), oldUid, newUid);
        Watcher.AddressTerminated(association.Remote);
    }

    private async Task AcceptLoop()
    {
        while (!_shuttingDown)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_shutdown.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                if (_shuttingDown) return;
                continue;
            }
            _ = HandleInboundAsync(socket);
        }
    }

    private async Task HandleInboundAsync(Socket socket)
    {
        var conn = new Connection(socket, outbound: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        timeout.CancelAfter(Settings.ConnectionTimeout);
        try
        {
            var (peer, uid) = await Handshake.AcceptAsync(conn, this, timeout.Token).ConfigureAwait(false);
            if (_shuttingDown)
            {
                await Handshake.RejectAsync(conn, "shutting down", timeout.Token).ConfigureAwait(false);
                conn.Close();
                return;
            }
            var association = AssociationFor(peer);
            if (!association.TryAcceptInbound(conn, uid, out var oldUid))
            {
                await Handshake.RejectAsync(conn, DuplicateReason, timeout.Token).ConfigureAwait(false);
                conn.Close();
                return;
            }
            try
            {
                await Handshake.AcceptedAsync(conn, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                association.OnConnectionLost(conn, e.Message);
                return;
            }
            association.Established(conn, uid, oldUid);
        }
        catch (HandshakeException e)
        {
            RemoteLog.InboundRefused(Log, conn.Endpoint, e.Peer?.ToString() ?? "an unknown system", e.Message);
            conn.Close();
        }
        catch (Exception e)
        {
            RemoteLog.DialFailed(Log, conn.Endpoint, $"inbound handshake: {(e is OperationCanceledException ? "timed out" : e.Message)}");
            conn.Close();
        }
    }

    private void Tick()
    {
        if (_shuttingDown) return;
        var now = Environment.TickCount64;
        foreach (var association in _associations.Values)
        {
            try
            {
                association.Tick(now);
            }
            catch (Exception e)
            {
                RemoteLog.ProtocolError(Log, association.Remote.ToString(), $"tick failed: {e.Message}");
            }
        }
    }

    /// <summary>Says goodbye on every connection (after what is queued, within shutdown-flush-timeout), then closes everything.</summary>
    public Task ShutdownAsync()
    {
        lock (_shutdownLock) return _shutdownTask ??= RunShutdown();
    }

    private async Task RunShutdown()
    {
        _shuttingDown = true;
        _timer?.Dispose();
        _listener.Dispose();
        var goodbyes = _associations.Values.Select(a => a.SayGoodbyeAsync()).ToArray();
        try
        {
            await Task.WhenAll(goodbyes).WaitAsync(Settings.ShutdownFlushTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Whatever was not written in time is dropped: the system is gone either way.
        }
        foreach (var association in _associations.Values) association.Close();
        _associations.Clear();
        await _shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            RemoteLog.ShutDown(Log, LocalAddress.ToString());
        }
        catch (ObjectDisposedException)
        {
            // The system's own logger factory may already be disposed.
        }
    }
}
