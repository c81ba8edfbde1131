using Orchestrator.Runtime.Cluster;
using static Orchestrator.Runtime.Cluster.ClusterEvent;

namespace Orchestrator.Runtime.Singleton;

/// <summary>
/// Forwards messages to the singleton wherever it runs: it follows the oldest Up member with the role, finds
/// the singleton there (Identify at <c>{manager path}/{singleton name}</c>) and watches it. While there is
/// none (start-up, hand-over, fail-over) messages wait here, in order, up to <c>buffer-size</c> (beyond it the
/// oldest is dropped with a warning), and go out once the singleton is found.
/// </summary>
public sealed class ClusterSingletonProxy : ActorBase, IWithTimers
{
    private readonly string _singletonPath;
    private readonly ClusterSingletonProxySettings _settings;
    private readonly Cluster.Cluster _cluster;
    private readonly OldestMembers _members;
    private readonly Queue<(object Message, IActorRef Sender)> _buffer = new();
    private IActorRef? _singleton;
    private Address? _target;
    private int _identifyRound;

    private sealed record TryIdentify;

    private ClusterSingletonProxy(string singletonManagerPath, ClusterSingletonProxySettings settings)
    {
        _singletonPath = singletonManagerPath.TrimEnd('/') + "/" + settings.SingletonName;
        _settings = settings;
        _cluster = Cluster.Cluster.Get(Context.System);
        _members = new OldestMembers(settings.Role);
    }

    /// <summary>
    /// Props of a proxy to the singleton whose managers live at <paramref name="singletonManagerPath"/> (the path
    /// without address, e.g. <c>/user/scheduler</c>) on every member.
    /// </summary>
    public static Props Props(string singletonManagerPath, ClusterSingletonProxySettings settings)
    {
        if (string.IsNullOrWhiteSpace(singletonManagerPath) || !singletonManagerPath.StartsWith('/'))
            throw new ArgumentException($"The singleton manager path must be absolute without address, like /user/scheduler; got '{singletonManagerPath}'.", nameof(singletonManagerPath));
        ArgumentNullException.ThrowIfNull(settings);
        return Runtime.Props.Create(() => new ClusterSingletonProxy(singletonManagerPath, settings));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    protected override void PreStart() => _cluster.Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(IMemberEvent));

    /// <inheritdoc />
    protected override void PostStop() => _cluster.Unsubscribe(Self);

    /// <inheritdoc />
    protected override bool Receive(object message)
    {
        switch (message)
        {
            case CurrentClusterState state:
                _members.Reset(state);
                Retarget();
                break;
            case IMemberEvent e:
                if (_members.Apply(e)) Retarget();
                break;
            case TryIdentify: Identify(); break;
            case ActorIdentity identity: HandleIdentity(identity); break;
            case Terminated t when t.ActorRef.Equals(_singleton):
                _singleton = null;
                StartIdentifying();
                break;
            default: Deliver(message, Sender); break;
        }
        return true;
    }

    /// <summary>The oldest Up member changed (or not): look for the singleton there.</summary>
    private void Retarget()
    {
        var target = _members.OldestUp?.Address;
        if (Equals(target, _target)) return;
        _target = target;
        if (_singleton is { } old) Context.Unwatch(old);
        _singleton = null;
        StartIdentifying();
    }

    private void StartIdentifying()
    {
        _identifyRound++;
        Identify();
        Timers.StartPeriodicTimer("identify", new TryIdentify(), _settings.SingletonIdentificationInterval);
    }

    private void Identify()
    {
        if (_target is null) return;
        Context.ActorSelection(_target + _singletonPath).Tell(new Identify(_identifyRound.ToString(System.Globalization.CultureInfo.InvariantCulture)), Self);
    }

    private void HandleIdentity(ActorIdentity identity)
    {
        if (identity.Subject is not { } subject || _singleton is not null) return;
        if (identity.MessageId as string != _identifyRound.ToString(System.Globalization.CultureInfo.InvariantCulture)) return;
        Timers.Cancel("identify");
        _singleton = subject;
        Context.Watch(subject);
        SingletonLog.Identified(Log, Self.Path.ToString(), subject.Path.ToString());
        while (_buffer.TryDequeue(out var buffered)) subject.Tell(buffered.Message, buffered.Sender);
    }

    private void Deliver(object message, IActorRef sender)
    {
        if (_singleton is { } singleton)
        {
            singleton.Tell(message, sender);
            return;
        }
        if (_settings.BufferSize == 0)
        {
            Context.System.DeadLetters.Tell(message, sender);
            return;
        }
        if (_buffer.Count >= _settings.BufferSize && _buffer.TryDequeue(out var dropped))
        {
            SingletonLog.BufferFull(Log, Self.Path.ToString(), _settings.BufferSize, dropped.Message.GetType().Name);
            Context.System.DeadLetters.Tell(dropped.Message, dropped.Sender);
        }
        _buffer.Enqueue((message, sender));
    }
}
