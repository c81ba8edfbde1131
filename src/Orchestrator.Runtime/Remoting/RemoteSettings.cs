using Orchestrator.Hocon;

namespace Orchestrator.Runtime.Remoting;

/// <summary>
/// Remoting settings, read from <c>orchestrator.remote</c> (documented key by key, with units and
/// defaults, in the runtime's <c>reference.conf</c>).
/// </summary>
public sealed record RemoteSettings
{
    /// <summary>Whether the system listens and talks to other processes (<c>enabled</c>).</summary>
    public bool Enabled { get; init; }

    /// <summary>Host name or IP address bound and advertised in the system's address (<c>hostname</c>).</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 binds any free port (<c>port</c>).</summary>
    public int Port { get; init; }

    /// <summary>Shared secret both sides of an association must prove they hold; empty means none (<c>cluster-secret</c>).</summary>
    public string ClusterSecret { get; init; } = "";

    /// <summary>Largest frame (envelope and payload) sent or accepted, in bytes (<c>maximum-frame-size</c>).</summary>
    public int MaximumFrameSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>How often a heartbeat is sent on each connection (<c>heartbeat-interval</c>).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Silence after which a peer is declared lost (<c>death-watch-failure-timeout</c>).</summary>
    public TimeSpan DeathWatchFailureTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a peer may refuse connections before it is declared lost (<c>retry-window</c>).</summary>
    public TimeSpan RetryWindow { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First reconnect delay; it doubles per failed attempt (<c>backoff-min</c>).</summary>
    public TimeSpan BackoffMin { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest reconnect delay (<c>backoff-max</c>).</summary>
    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Time allowed for a TCP connect plus the handshake (<c>connection-timeout</c>).</summary>
    public TimeSpan ConnectionTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>User messages queued per association before new ones go to dead letters (<c>outbound-queue-size</c>).</summary>
    public int OutboundQueueSize { get; init; } = 200_000;

    /// <summary>How long shutdown waits for queued messages to be written before closing (<c>shutdown-flush-timeout</c>).</summary>
    public TimeSpan ShutdownFlushTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether tests may blackhole peers through <see cref="Remoting.FailureInjector"/> (<c>failure-injector</c>).</summary>
    public bool FailureInjector { get; init; }

    /// <summary>Reads <c>orchestrator.remote</c> of <paramref name="config"/> (which should include the reference configuration).</summary>
    public static RemoteSettings Read(Config config)
    {
        if (!config.HasPath("orchestrator.remote")) return new RemoteSettings();
        var r = config.GetConfig("orchestrator.remote");
        var settings = new RemoteSettings
        {
            Enabled = r.GetBoolean("enabled", false),
            Hostname = r.GetString("hostname", "127.0.0.1")!,
            Port = r.GetInt("port", 0),
            ClusterSecret = r.GetString("cluster-secret", "")!,
            MaximumFrameSize = (int)Math.Min(int.MaxValue, r.GetByteSize("maximum-frame-size", 4 * 1024 * 1024)),
            HeartbeatInterval = r.GetTimeSpan("heartbeat-interval", TimeSpan.FromSeconds(1)),
            DeathWatchFailureTimeout = r.GetTimeSpan("death-watch-failure-timeout", TimeSpan.FromSeconds(10)),
            RetryWindow = r.GetTimeSpan("retry-window", TimeSpan.FromSeconds(5)),
            BackoffMin = r.GetTimeSpan("backoff-min", TimeSpan.FromMilliseconds(100)),
            BackoffMax = r.GetTimeSpan("backoff-max", TimeSpan.FromSeconds(2)),
            ConnectionTimeout = r.GetTimeSpan("connection-timeout", TimeSpan.FromSeconds(5)),
            OutboundQueueSize = r.GetInt("outbound-queue-size", 200_000),
            ShutdownFlushTimeout = r.GetTimeSpan("shutdown-flush-timeout", TimeSpan.FromSeconds(2)),
            FailureInjector = r.GetBoolean("failure-injector", false),
        };
        try
        {
            return settings.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            var key = e.ParamName ?? "";
            throw new ConfigException(r.HasPath(key) ? r.OriginOf(key) : config.OriginOf("orchestrator.remote"), $"orchestrator.remote.{key}: {e.Message.Split(" (Parameter")[0]}");
        }
    }

    /// <summary>Rejects values that would make remoting misbehave; the exception's parameter name is the HOCON key.</summary>
    public RemoteSettings Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentOutOfRangeException("port", Port, "must be between 0 and 65535");
        if (string.IsNullOrWhiteSpace(Hostname)) throw new ArgumentOutOfRangeException("hostname", Hostname, "must not be empty");
        // Below 1 KiB not even a handshake frame fits.
        if (MaximumFrameSize < 1024) throw new ArgumentOutOfRangeException("maximum-frame-size", MaximumFrameSize, "must be at least 1KiB");
        Positive(HeartbeatInterval, "heartbeat-interval");
        Positive(DeathWatchFailureTimeout, "death-watch-failure-timeout");
        Positive(RetryWindow, "retry-window");
        Positive(BackoffMin, "backoff-min");
        Positive(ConnectionTimeout, "connection-timeout");
        Positive(ShutdownFlushTimeout, "shutdown-flush-timeout");
        if (BackoffMax < BackoffMin) throw new ArgumentOutOfRangeException("backoff-max", BackoffMax, "must not be below backoff-min");
        if (DeathWatchFailureTimeout <= HeartbeatInterval)
            throw new ArgumentOutOfRangeException("death-watch-failure-timeout", DeathWatchFailureTimeout, "must be longer than heartbeat-interval");
        if (OutboundQueueSize < 1) throw new ArgumentOutOfRangeException("outbound-queue-size", OutboundQueueSize, "must be at least 1");
        return this;
    }

    private static void Positive(TimeSpan value, string key)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(key, value, "must be a positive duration");
    }
}
