using Orchestrator.Hocon;

namespace Orchestrator.Runtime.Cluster;

/// <summary>Which split-brain resolver strategy runs (<c>split-brain-resolver.active-strategy</c>).</summary>
public enum DowningStrategy
{
    /// <summary>Nobody downs unreachable members automatically; an operator calls <see cref="Cluster.Down"/>.</summary>
    Off,

    /// <summary>The side with more than half of the members survives; on a tie the side holding the lowest address does.</summary>
    KeepMajority,

    /// <summary>The side whose leader acquires the lease row in the journal database survives.</summary>
    LeaseMajority,
}

/// <summary>
/// Cluster settings, read from <c>orchestrator.cluster</c> (every key documented, with unit and default,
/// in the runtime's <c>reference.conf</c>).
/// </summary>
public sealed record ClusterSettings
{
    /// <summary>The environment variable holding comma-separated seed node addresses; it wins over <c>seed-nodes</c>.</summary>
    public const string SeedNodesEnvironmentVariable = "ORCH_SEED_NODES";

    /// <summary>Addresses of the nodes a new member contacts to join (<c>seed-nodes</c>); the first one may join itself.</summary>
    public IReadOnlyList<Address> SeedNodes { get; init; } = [];

    /// <summary>The roles this member declares (<c>roles</c>).</summary>
    public IReadOnlySet<string> Roles { get; init; } = new HashSet<string>();

    /// <summary>Members that must have joined before the leader moves any Joining member to Up (<c>min-nr-of-members</c>).</summary>
    public int MinNrOfMembers { get; init; } = 1;

    /// <summary>How long the first seed waits for another seed to answer before it joins itself (<c>seed-node-timeout</c>).</summary>
    public TimeSpan SeedNodeTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a join attempt waits for its welcome before it starts over (<c>retry-unsuccessful-join-after</c>).</summary>
    public TimeSpan RetryUnsuccessfulJoinAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the full gossip state is sent to every other member (<c>gossip-interval</c>).</summary>
    public TimeSpan GossipInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the leader moves members along (<c>leader-actions-interval</c>).</summary>
    public TimeSpan LeaderActionsInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the failure detector's verdicts are turned into reachability changes (<c>unreachable-nodes-reaper-interval</c>).</summary>
    public TimeSpan UnreachableNodesReaperInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether this member runs coordinated shutdown once it is Down or Removed (<c>run-coordinated-shutdown-when-down</c>).</summary>
    public bool RunCoordinatedShutdownWhenDown { get; init; } = true;

    /// <summary>Failure detector and heartbeat settings (<c>failure-detector</c>).</summary>
    public FailureDetectorSettings FailureDetector { get; init; } = new();

    /// <summary>Split-brain resolver settings (<c>split-brain-resolver</c>).</summary>
    public SplitBrainResolverSettings SplitBrainResolver { get; init; } = new();

    /// <summary>
    /// <paramref name="config"/> with <c>orchestrator.cluster.seed-nodes</c> set to <paramref name="seedNodes"/>,
    /// for a host program's command-line flag (it wins over the file and over <c>ORCH_SEED_NODES</c>).
    /// </summary>
    public static Config WithSeedNodes(Config config, IEnumerable<string> seedNodes)
    {
        var list = string.Join(", ", seedNodes.Select(s => "\"" + s.Replace("\"", "\\\"", StringComparison.Ordinal) + "\""));
        return Config.Parse($"orchestrator.cluster {{ seed-nodes = [{list}], seed-nodes-from-flag = on }}", "seed-nodes flag").WithFallback(config);
    }

    /// <summary>Reads <c>orchestrator.cluster</c> of <paramref name="config"/> (which should include the reference configuration).</summary>
    public static ClusterSettings Read(Config config, string? seedNodesFromEnvironment = null)
    {
        if (!config.HasPath("orchestrator.cluster")) return new ClusterSettings();
        var c = config.GetConfig("orchestrator.cluster");
        seedNodesFromEnvironment ??= Environment.GetEnvironmentVariable(SeedNodesEnvironmentVariable);
        var fromFlag = c.GetBoolean("seed-nodes-from-flag", false);
        var seedTexts = !fromFlag && !string.IsNullOrWhiteSpace(seedNodesFromEnvironment)
            ? seedNodesFromEnvironment.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : c.GetStringList("seed-nodes", []);
        var seeds = new List<Address>();
        foreach (var text in seedTexts)
        {
            if (!Address.TryParse(text, out var address) || address!.IsLocal)
                throw new ConfigException(c.HasPath("seed-nodes") ? c.OriginOf("seed-nodes") : config.OriginOf("orchestrator.cluster"),
                    $"orchestrator.cluster.seed-nodes: '{text}' is not a network address (orch.tcp://system@host:port)" +
                    (!fromFlag && !string.IsNullOrWhiteSpace(seedNodesFromEnvironment) ? $" (from {SeedNodesEnvironmentVariable})" : ""));
            seeds.Add(address);
        }
        var fd = c.GetConfig("failure-detector");
        var sbr = c.GetConfig("split-brain-resolver");
        var settings = new ClusterSettings
        {
            SeedNodes = seeds,
            Roles = c.GetStringList("roles", []).ToHashSet(StringComparer.Ordinal),
            MinNrOfMembers = c.GetInt("min-nr-of-members", 1),
            SeedNodeTimeout = c.GetTimeSpan("seed-node-timeout", TimeSpan.FromSeconds(3)),
            RetryUnsuccessfulJoinAfter = c.GetTimeSpan("retry-unsuccessful-join-after", TimeSpan.FromSeconds(2)),
            GossipInterval = c.GetTimeSpan("gossip-interval", TimeSpan.FromMilliseconds(500)),
            LeaderActionsInterval = c.GetTimeSpan("leader-actions-interval", TimeSpan.FromMilliseconds(500)),
            UnreachableNodesReaperInterval = c.GetTimeSpan("unreachable-nodes-reaper-interval", TimeSpan.FromMilliseconds(500)),
            RunCoordinatedShutdownWhenDown = c.GetBoolean("run-coordinated-shutdown-when-down", true),
            FailureDetector = new FailureDetectorSettings
            {
                HeartbeatInterval = fd.GetTimeSpan("heartbeat-interval", TimeSpan.FromSeconds(1)),
                Threshold = fd.GetDouble("threshold", 8.0),
                MaxSampleSize = fd.GetInt("max-sample-size", 1000),
                MinStdDeviation = fd.GetTimeSpan("min-std-deviation", TimeSpan.FromMilliseconds(100)),
                AcceptableHeartbeatPause = fd.GetTimeSpan("acceptable-heartbeat-pause", TimeSpan.FromSeconds(3)),
                MonitoredByNrOfMembers = fd.GetInt("monitored-by-nr-of-members", 5),
            },
            SplitBrainResolver = new SplitBrainResolverSettings
            {
                ActiveStrategy = ParseStrategy(sbr, config),
                StableAfter = sbr.GetTimeSpan("stable-after", TimeSpan.FromSeconds(2)),
                LeaseName = sbr.GetString("lease-name", "orchestrator-cluster")!,
                LeaseTtl = sbr.GetTimeSpan("lease-ttl", TimeSpan.FromSeconds(20)),
            },
        };
        try
        {
            return settings.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            var key = e.ParamName ?? "";
            throw new ConfigException(c.HasPath(key) ? c.OriginOf(key) : config.OriginOf("orchestrator.cluster"),
                $"orchestrator.cluster.{key}: {e.Message.Split(" (Parameter")[0]}");
        }
    }

    /// <summary>Rejects values that would make the cluster misbehave; the exception's parameter name is the HOCON key.</summary>
    public ClusterSettings Validate()
    {
        if (MinNrOfMembers < 1) throw new ArgumentOutOfRangeException("min-nr-of-members", MinNrOfMembers, "must be at least 1");
        Positive(SeedNodeTimeout, "seed-node-timeout");
        Positive(RetryUnsuccessfulJoinAfter, "retry-unsuccessful-join-after");
        Positive(GossipInterval, "gossip-interval");
        Positive(LeaderActionsInterval, "leader-actions-interval");
        Positive(UnreachableNodesReaperInterval, "unreachable-nodes-reaper-interval");
        var fd = FailureDetector;
        Positive(fd.HeartbeatInterval, "failure-detector.heartbeat-interval");
        if (fd.Threshold <= 0) throw new ArgumentOutOfRangeException("failure-detector.threshold", fd.Threshold, "must be a positive number");
        if (fd.MaxSampleSize < 1) throw new ArgumentOutOfRangeException("failure-detector.max-sample-size", fd.MaxSampleSize, "must be at least 1");
        Positive(fd.MinStdDeviation, "failure-detector.min-std-deviation");
        if (fd.AcceptableHeartbeatPause < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException("failure-detector.acceptable-heartbeat-pause", fd.AcceptableHeartbeatPause, "must not be negative");
        if (fd.MonitoredByNrOfMembers < 1)
            throw new ArgumentOutOfRangeException("failure-detector.monitored-by-nr-of-members", fd.MonitoredByNrOfMembers, "must be at least 1");
        if (SplitBrainResolver.StableAfter < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException("split-brain-resolver.stable-after", SplitBrainResolver.StableAfter, "must not be negative");
        Positive(SplitBrainResolver.LeaseTtl, "split-brain-resolver.lease-ttl");
        return this;
    }

    private static DowningStrategy ParseStrategy(Config sbr, Config root)
    {
        var text = sbr.GetString("active-strategy", "keep-majority");
        return text switch
        {
            "off" => DowningStrategy.Off,
            "keep-majority" => DowningStrategy.KeepMajority,
            "lease-majority" => DowningStrategy.LeaseMajority,
            _ => throw new ConfigException(sbr.HasPath("active-strategy") ? sbr.OriginOf("active-strategy") : root.OriginOf("orchestrator.cluster"),
                $"orchestrator.cluster.split-brain-resolver.active-strategy: '{text}' is not one of off, keep-majority, lease-majority"),
        };
    }

    private static void Positive(TimeSpan value, string key)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(key, value, "must be a positive duration");
    }
}

/// <summary>Heartbeats between members and the phi-accrual failure detector (<c>orchestrator.cluster.failure-detector</c>).</summary>
public sealed record FailureDetectorSettings
{
    /// <summary>How often a member sends a heartbeat to each member it monitors (<c>heartbeat-interval</c>).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Phi above which a monitored member is unreachable (<c>threshold</c>).</summary>
    public double Threshold { get; init; } = 8.0;

    /// <summary>Heartbeat intervals kept for the mean and deviation (<c>max-sample-size</c>).</summary>
    public int MaxSampleSize { get; init; } = 1000;

    /// <summary>Lowest standard deviation used, so a very regular history does not make phi jump (<c>min-std-deviation</c>).</summary>
    public TimeSpan MinStdDeviation { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Silence beyond the usual interval that is still tolerated, e.g. for GC pauses (<c>acceptable-heartbeat-pause</c>).</summary>
    public TimeSpan AcceptableHeartbeatPause { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How many members monitor each member (<c>monitored-by-nr-of-members</c>).</summary>
    public int MonitoredByNrOfMembers { get; init; } = 5;
}

/// <summary>The split-brain resolver (<c>orchestrator.cluster.split-brain-resolver</c>).</summary>
public sealed record SplitBrainResolverSettings
{
    /// <summary>The strategy (<c>active-strategy</c>).</summary>
    public DowningStrategy ActiveStrategy { get; init; } = DowningStrategy.KeepMajority;

    /// <summary>How long the set of unreachable members must stay unchanged before the resolver decides (<c>stable-after</c>).</summary>
    public TimeSpan StableAfter { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The lease row's name, for lease-majority (<c>lease-name</c>).</summary>
    public string LeaseName { get; init; } = "orchestrator-cluster";

    /// <summary>How long an acquired lease stays valid without renewal (<c>lease-ttl</c>).</summary>
    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(20);
}
