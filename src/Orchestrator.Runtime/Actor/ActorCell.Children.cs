using System.Buffers;
using Orchestrator.Runtime.Dispatch;

namespace Orchestrator.Runtime;

internal sealed partial class ActorCell
{
    private static readonly SearchValues<char> ValidNameChars =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:@&=+,!~'$;()%*");

    private ChildrenContainer? _children;

    /// <summary>The children container; created on first use, from any thread (system.ActorOf).</summary>
    private ChildrenContainer ChildrenOrCreate
    {
        get
        {
            var c = Volatile.Read(ref _children);
            if (c is not null) return c;
            var created = new ChildrenContainer();
            return Interlocked.CompareExchange(ref _children, created, null) ?? created;
        }
    }

    public IReadOnlyCollection<IActorRef> Children => Volatile.Read(ref _children)?.Snapshot() ?? [];

    public IActorRef ActorOf(Props props, string? name = null) => MakeChild(props, name, systemName: false);

    public IActorRef Child(string name) => Volatile.Read(ref _children)?.Get(name)?.Child ?? ActorRefs.Nobody;

    /// <summary>Looks a child up by name for path resolution (any thread).</summary>
    internal IInternalActorRef? GetChild(string name) => Volatile.Read(ref _children)?.Get(name)?.Child;

    /// <summary>Creates a child; may be called from the actor's own turn or, for guardians, from any thread.</summary>
    internal LocalActorRef MakeChild(Props props, string? name, bool systemName)
    {
        ArgumentNullException.ThrowIfNull(props);
        var children = ChildrenOrCreate;
        if (name is null) name = children.NextRandomName();
        else ValidateName(name, systemName);

        var path = new ChildActorPath(SelfRef.Path, name, NewUid());
        var child = new ActorCell(_system, props, SelfRef, path);
        switch (children.TryAdd(name, new ChildRestartStats(child.SelfRef)))
        {
            case ChildrenContainer.AddResult.Duplicate:
                throw new InvalidActorNameException($"Actor name [{name}] is not unique under {SelfRef.Path}: a live child already has it.");
            case ChildrenContainer.AddResult.Closed:
                throw new InvalidOperationException($"Cannot create child [{name}]: {SelfRef.Path} is stopping.");
        }
        child.Mailbox.PostSystem(new Create());
        return child.SelfRef;
    }

    private void ValidateName(string name, bool systemName)
    {
        if (name.Length == 0)
            throw new InvalidActorNameException($"Actor name under {SelfRef.Path} must not be empty.");
        if (name[0] == '$' && !systemName)
            throw new InvalidActorNameException($"Actor name [{name}] under {SelfRef.Path} must not start with '$' (reserved for generated names).");
        var bad = name.AsSpan().IndexOfAnyExcept(ValidNameChars);
        if (bad >= 0)
            throw new InvalidActorNameException(
                $"Actor name [{name}] under {SelfRef.Path} has an invalid character '{name[bad]}' at position {bad}: use letters, digits and -_.:@&=+,!~'$;()%*.");
    }

    private static long NewUid()
    {
        long uid;
        do uid = Random.Shared.NextInt64(); while (uid == 0);
        return uid;
    }

    internal void MarkChildTerminating(IActorRef child) => Volatile.Read(ref _children)?.MarkTerminating(child);

    /// <summary>
    /// Frees the name of a child that has stopped; called by the child (any thread) before it tells
    /// anyone, so whoever sees its Terminated can reuse the name at once. The child still counts as
    /// a child until this cell processes its <see cref="DeathWatchNotification"/>.
    /// </summary>
    internal void ReleaseChildName(IActorRef child) => Volatile.Read(ref _children)?.ReleaseName(child);

    public void Stop(IActorRef child)
    {
        if (child is not IInternalActorRef target) return;
        if (ReferenceEquals(target, SelfRef))
        {
            SelfRef.Stop();
            return;
        }
        Volatile.Read(ref _children)?.MarkTerminating(target);
        target.Stop();
    }

    /// <summary>Suspends every child but <paramref name="except"/> (a failed child that is suspended already).</summary>
    private void SuspendChildren(IActorRef? except = null)
    {
        if (Volatile.Read(ref _children) is not { } children) return;
        foreach (var child in children.Snapshot())
            if (!ReferenceEquals(child, except)) ((IInternalActorRef)child).SendSystemMessage(new Suspend());
    }

    /// <summary>
    /// Takes back the suspension of every child. Only <paramref name="failedChild"/>, whose escalated
    /// failure this resume answers, is told the cause, which clears its failure.
    /// </summary>
    private void ResumeChildren(Exception? causedByFailure, IActorRef? failedChild)
    {
        if (Volatile.Read(ref _children) is not { } children) return;
        foreach (var child in children.Snapshot())
            ((IInternalActorRef)child).SendSystemMessage(new Resume(ReferenceEquals(child, failedChild) ? causedByFailure : null));
    }
}

/// <summary>
/// A cell's children by name. Locked because the guardians accept ActorOf from any thread and
/// selections resolve paths from any thread; the lock is uncontended in the common case.
/// </summary>
internal sealed class ChildrenContainer
{
    public enum AddResult { Added, Duplicate, Closed }

    private readonly Dictionary<string, ChildRestartStats> _byName = new(StringComparer.Ordinal);
    // Stopped children whose names are free again but whose DeathWatchNotification is still on its way.
    // Keyed by reference: a million children stopping at once must not make each removal a scan.
    private Dictionary<IActorRef, ChildRestartStats>? _released;
    private int _terminating;
    private long _nameCounter;
    private bool _closed;

    public int Count { get { lock (_byName) return _byName.Count + (_released?.Count ?? 0); } }
    public bool HasTerminating { get { lock (_byName) return _terminating > 0; } }

    public string NextRandomName() => "$" + ToBase36(Interlocked.Increment(ref _nameCounter));

    public AddResult TryAdd(string name, ChildRestartStats stats)
    {
        lock (_byName)
        {
            if (_closed) return AddResult.Closed;
            return _byName.TryAdd(name, stats) ? AddResult.Added : AddResult.Duplicate;
        }
    }

    public ChildRestartStats? Get(string name)
    {
        lock (_byName) return _byName.GetValueOrDefault(name);
    }

    public ChildRestartStats? Get(IActorRef child)
    {
        lock (_byName)
            return _byName.TryGetValue(child.Path.Name, out var s) && ReferenceEquals(s.Child, child) ? s : null;
    }

    public bool TryRemove(IActorRef child)
    {
        lock (_byName)
        {
            if (_byName.TryGetValue(child.Path.Name, out var s) && ReferenceEquals(s.Child, child))
                _byName.Remove(child.Path.Name);
            else if (_released is null || !_released.Remove(child, out s!)) return false;
            if (s.IsTerminating) _terminating--;
            return true;
        }
    }

    /// <summary>Takes a stopped child's name off the live names; it stays counted until <see cref="TryRemove"/>.</summary>
    public void ReleaseName(IActorRef child)
    {
        lock (_byName)
        {
            if (!_byName.TryGetValue(child.Path.Name, out var s) || !ReferenceEquals(s.Child, child)) return;
            _byName.Remove(child.Path.Name);
            (_released ??= new(ReferenceEqualityComparer.Instance)).Add(child, s);
        }
    }

    public void MarkTerminating(IActorRef child)
    {
        lock (_byName)
        {
            if (_byName.TryGetValue(child.Path.Name, out var s) && ReferenceEquals(s.Child, child) && !s.IsTerminating)
            {
                s.IsTerminating = true;
                _terminating++;
            }
        }
    }

    /// <summary>Refuses new children from now on and marks every child as stopping.</summary>
    public IActorRef[] CloseAndMarkAllTerminating()
    {
        lock (_byName)
        {
            _closed = true;
            foreach (var s in _byName.Values)
            {
                if (s.IsTerminating) continue;
                s.IsTerminating = true;
                _terminating++;
            }
            return Snapshot();
        }
    }

    public IActorRef[] Snapshot()
    {
        lock (_byName)
        {
            if (_byName.Count == 0) return [];
            var result = new IActorRef[_byName.Count];
            var i = 0;
            foreach (var s in _byName.Values) result[i++] = s.Child;
            return result;
        }
    }

    public ChildRestartStats[] Stats()
    {
        lock (_byName) return [.. _byName.Values];
    }

    private static string ToBase36(long value)
    {
        const string digits = "abcdefghijklmnopqrstuvwxyz0123456789";
        Span<char> buffer = stackalloc char[16];
        var i = buffer.Length;
        do
        {
            buffer[--i] = digits[(int)(value % 36)];
            value /= 36;
        } while (value > 0);
        return new string(buffer[i..]);
    }
}
