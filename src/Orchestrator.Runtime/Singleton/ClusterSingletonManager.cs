using Orchestrator.Runtime.Cluster;
using static Orchestrator.Runtime.Cluster.ClusterEvent;
using static Orchestrator.Runtime.Singleton.SingletonProtocol;

namespace Orchestrator.Runtime.Singleton;

/// <summary>
/// Runs one instance of a singleton actor in the cluster: start one manager, under the same path, on every
/// member with the role; the manager on the oldest Up member runs the singleton as its child. A new oldest
/// member starts the singleton only after every older member that is still in the cluster has handed it over
/// (stopped its instance with the termination message and answered HandOverDone) or has been removed, so two
/// instances never run at once while the membership is sound (downing and removal are the split-brain
/// resolver's job).
/// </summary>
public sealed class ClusterSingletonManager : ActorBase, IWithTimers
{
    private readonly Props _singletonProps;
    private readonly object _terminationMessage;
    private readonly ClusterSingletonManagerSettings _settings;
    private readonly Cluster.Cluster _cluster;
    private readonly OldestMembers _members;
    private readonly HashSet<Address> _handedOver = new();
    private readonly List<IActorRef> _handOverRequesters = [];
    private IActorRef? _singleton;
    private bool _stopping;
    private bool _leaving;

    private ClusterSingletonManager(Props singletonProps, object terminationMessage, ClusterSingletonManagerSettings settings)
    {
        _singletonProps = singletonProps;
        _terminationMessage = terminationMessage;
        _settings = settings;
        _cluster = Cluster.Cluster.Get(Context.System);
        _members = new OldestMembers(settings.Role);
        RegisterManifests(Context.System.Serialization);
    }

    /// <summary>
    /// Props of a manager for the singleton made by <paramref name="singletonProps"/>; the singleton gets
    /// <paramref name="terminationMessage"/> when it must hand over (for a persistent singleton, a command it
    /// stops on, so writes in flight complete first).
    /// </summary>
    public static Props Props(Props singletonProps, object terminationMessage, ClusterSingletonManagerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(singletonProps);
        ArgumentNullException.ThrowIfNull(terminationMessage);
        ArgumentNullException.ThrowIfNull(settings);
        return Runtime.Props.Create(() => new ClusterSingletonManager(singletonProps, terminationMessage, settings));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart() =>
        _cluster.Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(IMemberEvent), typeof(ClusterShuttingDown));

    /// <inheritdoc />
    protected override void PostStop() => _cluster.Unsubscribe(Self);

    /// <inheritdoc />
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case CurrentClusterState state:
                _members.Reset(state);
                Evaluate();
                break;
            case IMemberEvent e: HandleMemberEvent(e); break;
            case HandOverToMe: HandleHandOverToMe(); break;
            case HandOverDone: HandleHandOverDone(Sender.Path.Address); break;
            case HandOverRetry: Evaluate(); break;
            case Terminated t when t.ActorRef.Equals(_singleton): HandleSingletonStopped(); break;
            case ClusterShuttingDown:
                _leaving = true;
                StopSingleton();
                break;
            default: return false;
        }
        return true;
    }

    private bool IsSelf(Address address) => address.Equals(_cluster.SelfAddress);

    private void HandleMemberEvent(IMemberEvent e)
    {
        if (IsSelf(e.Member.Address) && e.Member.Status is MemberStatus.Leaving or MemberStatus.Exiting or MemberStatus.Down or MemberStatus.Removed)
            _leaving = true;
        if (e is MemberRemoved) _handedOver.Remove(e.Member.Address);
        if (_members.Apply(e)) Evaluate();
    }

    /// <summary>Starts, keeps or stops the instance here according to the membership.</summary>
    private void Evaluate()
    {
        var oldest = _members.OldestUp;
        var shouldRun = !_leaving && oldest is not null && IsSelf(oldest.Address);
        if (!shouldRun)
        {
            Timers.Cancel("hand-over");
            if (_singleton is not null && (_leaving || oldest is not null)) StopSingleton();
            return;
        }
        if (_singleton is not null) return;
        var pending = _members.Older(oldest!).Where(m => !_handedOver.Contains(m.Address)).ToList();
        if (pending.Count == 0)
        {
            Timers.Cancel("hand-over");
            StartSingleton();
            return;
        }
        // Older members are still in the cluster (leaving, or down but not yet removed): they may run an instance.
        foreach (var member in pending) PeerManager(member.Address).Tell(new HandOverToMe(), Self);
        if (!Timers.IsTimerActive("hand-over")) Timers.StartPeriodicTimer("hand-over", new HandOverRetry(), _settings.HandOverRetryInterval);
    }

    private ActorSelection PeerManager(Address address) => Context.ActorSelection(address + Self.Path.ToStringWithoutAddress());

    private void StartSingleton()
    {
        _singleton = Context.ActorOf(_singletonProps, _settings.SingletonName);
        Context.Watch(_singleton);
        SingletonLog.Started(Log, _settings.SingletonName, Self.Path.ToString());
    }

    private void StopSingleton()
    {
        if (_singleton is null || _stopping) return;
        _stopping = true;
        SingletonLog.HandingOver(Log, _settings.SingletonName, Self.Path.ToString());
        _singleton.Tell(_terminationMessage, Self);
    }

    private void HandleHandOverToMe()
    {
        // Only a member that no longer runs the singleton by its own view hands it over; a stale asker asks again.
        var oldest = _members.OldestUp;
        var selfIsOldest = !_leaving && oldest is not null && IsSelf(oldest.Address);
        if (_singleton is null)
        {
            if (!selfIsOldest) Sender.Tell(new HandOverDone(), Self);
            return;
        }
        if (selfIsOldest) return;
        _handOverRequesters.Add(Sender);
        StopSingleton();
    }

    private void HandleSingletonStopped()
    {
        _singleton = null;
        _stopping = false;
        SingletonLog.Stopped(Log, _settings.SingletonName, Self.Path.ToString());
        foreach (var requester in _handOverRequesters) requester.Tell(new HandOverDone(), Self);
        _handOverRequesters.Clear();
        // The new oldest need not wait for its next retry.
        if (_members.OldestUp is { } oldest && !IsSelf(oldest.Address)) PeerManager(oldest.Address).Tell(new HandOverDone(), Self);
        Evaluate();
    }

    private void HandleHandOverDone(Address from)
    {
        if (IsSelf(from)) return;
        _handedOver.Add(from);
        Evaluate();
    }
}
