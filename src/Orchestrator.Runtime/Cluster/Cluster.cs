using Microsoft.Extensions.Logging;
using static Orchestrator.Runtime.Cluster.ClusterEvent;

namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// Cluster membership of one actor system (one instance per system, created by <see cref="Get"/>):
/// joining through seed nodes, gossip of the member list, heartbeats with a phi-accrual failure detector,
/// a leader that moves members along, the split-brain resolver, and events for subscribers.
/// Requires remoting (<c>orchestrator.remote.enabled = on</c>). See docs/cluster.md.
/// </summary>
public sealed class Cluster
{
    private readonly OneTimeCallbacks _onMemberUp;
    private readonly OneTimeCallbacks _onMemberRemoved;
    private readonly TaskCompletionSource _removed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exiting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lazy<ClusterLease> _lease;
    private volatile CurrentClusterState _state = CurrentClusterState.Empty;
    private volatile Member _selfMember;
    private volatile bool _terminated;

    private Cluster(ActorSystem system)
    {
        var remote = system.Remote ?? throw new InvalidOperationException(
            $"Cluster of actor system '{system.Name}' needs remoting: set orchestrator.remote.enabled = on.");
        System = system;
        _onMemberUp = new OneTimeCallbacks(RunCallback);
        _onMemberRemoved = new OneTimeCallbacks(RunCallback);
        Settings = ClusterSettings.Read(system.Config);
        SelfUniqueAddress = new UniqueAddress(remote.LocalAddress, remote.Uid);
        _selfMember = new Member(SelfUniqueAddress, MemberStatus.Removed, Settings.Roles, 0);
        Log = system.Logging.For(SelfAddress.ToString(), "Orchestrator.Runtime.Cluster");
        _lease = new Lazy<ClusterLease>(() => new ClusterLease(Persistence.PersistenceSettings.From(system.Config), Settings.SplitBrainResolver));
        ClusterProtocol.Register(system.Serialization);
        Daemon = system.SystemActorOf(Props.Create(() => new ClusterDaemon(this)), "cluster");
        ClusterShutdownTasks.Register(this);
    }

    /// <summary>The cluster extension of <paramref name="system"/>, created (and started) on first use.</summary>
    /// <exception cref="InvalidOperationException">Remoting is not enabled in <paramref name="system"/>.</exception>
    public static Cluster Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return system.GetOrCreateExtension(static s => new Cluster(s));
    }

    /// <summary>The actor system.</summary>
    public ActorSystem System { get; }

    /// <summary>The settings read from <c>orchestrator.cluster</c>.</summary>
    public ClusterSettings Settings { get; }

    /// <summary>This member's network address.</summary>
    public Address SelfAddress => SelfUniqueAddress.Address;

    /// <summary>This incarnation: the address plus the system's uid.</summary>
    public UniqueAddress SelfUniqueAddress { get; }

    /// <summary>This member as the latest gossip knows it (status Removed before it has joined and after it is gone).</summary>
    public Member SelfMember => _selfMember;

    /// <summary>The roles this member declared (<c>orchestrator.cluster.roles</c>).</summary>
    public IReadOnlySet<string> SelfRoles => Settings.Roles;

    /// <summary>The latest membership this member knows.</summary>
    public CurrentClusterState State => _state;

    /// <summary>True once this member's cluster extension has shut down (it left, was downed, or its system terminates).</summary>
    public bool IsTerminated => _terminated;

    /// <summary>Completes when this member has been removed from the cluster or the extension shut down.</summary>
    public Task WhenRemoved => _removed.Task;

    internal IActorRef Daemon { get; }

    /// <summary>The lease of the lease-majority strategy (created on first use).</summary>
    internal ClusterLease Lease => _lease.Value;

    /// <summary>Completes when this member is Exiting, removed, or the extension shut down (coordinated shutdown waits for it).</summary>
    internal Task WhenExiting => _exiting.Task;

    internal ILogger Log { get; }

    /// <summary>Joins the cluster that <paramref name="address"/> belongs to (this member's own address: starts a new cluster).</summary>
    public void Join(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Daemon.Tell(new ClusterDaemon.JoinTo(address));
    }

    /// <summary>
    /// Joins through <paramref name="seedNodes"/>: the first seed that answers lets this member in. When this
    /// member is the first seed and no other seed answers within <c>seed-node-timeout</c>, it starts the cluster.
    /// </summary>
    public void JoinSeedNodes(IEnumerable<Address> seedNodes)
    {
        ArgumentNullException.ThrowIfNull(seedNodes);
        Daemon.Tell(new ClusterDaemon.JoinSeeds(seedNodes.ToArray()));
    }

    /// <summary>Asks <paramref name="address"/> (this member or another) to leave gracefully: Leaving, Exiting, then Removed.</summary>
    public void Leave(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Daemon.Tell(new ClusterDaemon.LeaveMember(address));
    }

    /// <summary>Declares the member at <paramref name="address"/> dead; the leader removes it. Its system shuts down if it still runs.</summary>
    public void Down(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Daemon.Tell(new ClusterDaemon.DownMember(address));
    }

    /// <summary>
    /// Sends <paramref name="subscriber"/> the cluster events whose type is assignable to one of <paramref name="to"/>
    /// (default: every <see cref="IClusterDomainEvent"/>), first the current state as <paramref name="mode"/> says.
    /// </summary>
    public void Subscribe(IActorRef subscriber, SubscriptionInitialStateMode mode, params Type[] to)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var types = to is { Length: > 0 } ? to : [typeof(IClusterDomainEvent)];
        foreach (var t in types)
            if (!typeof(IClusterDomainEvent).IsAssignableFrom(t))
                throw new ArgumentException($"Cluster events are IClusterDomainEvent; {t.FullName} is not one.", nameof(to));
        Daemon.Tell(new ClusterDaemon.SubscribeEvents(subscriber, mode, types));
    }

    /// <summary>Stops sending cluster events to <paramref name="subscriber"/>.</summary>
    public void Unsubscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        Daemon.Tell(new ClusterDaemon.UnsubscribeEvents(subscriber));
    }

    /// <summary>Runs <paramref name="callback"/> once this member is Up (at once, on the caller's thread, if it already is).</summary>
    public void RegisterOnMemberUp(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _onMemberUp.Register(callback);
    }

    /// <summary>
    /// Runs <paramref name="callback"/> once this member is removed or its cluster extension shuts down
    /// (at once if that already happened).
    /// </summary>
    public void RegisterOnMemberRemoved(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _onMemberRemoved.Register(callback);
    }

    /// <summary>The daemon publishes each new view here, for the synchronous properties and the callbacks.</summary>
    internal void UpdateView(CurrentClusterState state, Member self)
    {
        _state = state;
        _selfMember = self;
        if (self.Status is MemberStatus.Up or MemberStatus.Leaving or MemberStatus.Exiting) _onMemberUp.Fire();
        if (self.Status is MemberStatus.Exiting or MemberStatus.Down) _exiting.TrySetResult();
    }

    /// <summary>This member was removed from the cluster.</summary>
    internal void MarkRemoved()
    {
        _selfMember = _selfMember.WithStatus(MemberStatus.Removed);
        _removed.TrySetResult();
        _exiting.TrySetResult();
        _onMemberRemoved.Fire();
    }

    /// <summary>The extension stopped: nothing more will happen.</summary>
    internal void MarkTerminated()
    {
        _terminated = true;
        MarkRemoved();
    }

    private void RunCallback(Action callback)
    {
        try
        {
            callback();
        }
        catch (Exception e)
        {
            ClusterLog.CallbackFailed(Log, e, SelfAddress.ToString());
        }
    }
}
