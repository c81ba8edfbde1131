namespace Orchestrator.Runtime.Dispatch;

/// <summary>
/// An actor's mailbox and its unit of scheduling. It is queued on the thread pool only while it has
/// work, runs system messages first, then up to <c>throughput</c> user messages per turn, and
/// guarantees that at most one thread processes the actor at any time.
/// </summary>
/// <remarks>
/// The status word packs three things so that one CAS decides scheduling: bit 0 = scheduled,
/// bit 1 = closed, bits 2.. = suspend count. The user queue is created on the first user message
/// because many actors (most of a million spawned children) never receive one.
/// A new mailbox starts suspended once, and processing Create takes that back: a child is visible
/// (to selections, to Children) a moment before its Create is queued, and a message told to it in
/// that moment must not run before there is an actor instance.
/// </remarks>
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int ScheduledBit = 1;
    private const int ClosedBit = 2;
    private const int SuspendUnit = 4;

    private readonly ActorCell _cell;
    private readonly MailboxSettings? _settings;
    private IMessageQueue? _queue;
    private SystemMessage? _systemHead;
    private int _status = SuspendUnit;

    // Messages put back in front of the queue by UnstashAll; touched only by the running turn.
    private List<Envelope>? _prepended;

    public Mailbox(ActorCell cell, MailboxSettings? settings)
    {
        _cell = cell;
        _settings = settings is { Capacity: not null } ? settings : null;
    }

    public bool IsClosed => (Volatile.Read(ref _status) & ClosedBit) != 0;
    public bool IsSuspended => Volatile.Read(ref _status) >= SuspendUnit;
    public int QueuedCount => (_queue?.Count ?? 0) + (_prepended?.Count ?? 0);

    private bool HasUserMessages => (_prepended is { Count: > 0 }) || (Volatile.Read(ref _queue) is { IsEmpty: false });
    private bool HasSystemMessages => Volatile.Read(ref _systemHead) is not null;

    private IMessageQueue Queue
    {
        get
        {
            var q = Volatile.Read(ref _queue);
            if (q is not null) return q;
            var created = _settings?.CreateQueue() ?? new UnboundedMessageQueue();
            return Interlocked.CompareExchange(ref _queue, created, null) ?? created;
        }
    }

    /// <summary>Enqueues a user message; after close it goes straight to dead letters.</summary>
    public void Post(object message, IActorRef? sender)
    {
        if (IsClosed)
        {
            _cell.SystemImpl.DeadLetterRef.Publish(message, sender, _cell.Self);
            return;
        }
        if (Queue.TryEnqueue(new Envelope(message, sender), out var dropped))
            _cell.SystemImpl.DeadLetterRef.Publish(dropped.Message, dropped.Sender, _cell.Self, "mailbox full");
        var status = Volatile.Read(ref _status);
        if ((status & ClosedBit) != 0) DrainUserMessages();
        else if (status < SuspendUnit && (status & ScheduledBit) == 0) TrySchedule();
    }

    /// <summary>Enqueues a lifecycle message; after close it is answered as a dead actor would.</summary>
    public void PostSystem(SystemMessage message)
    {
        SystemMessage? head;
        do
        {
            head = Volatile.Read(ref _systemHead);
            message.Next = head;
        } while (!ReferenceEquals(Interlocked.CompareExchange(ref _systemHead, message, head), head));

        if (IsClosed) DrainSystemMessages();
        else TrySchedule();
    }

    /// <summary>Puts a message in front of the queue; only called by the running turn (unstash).</summary>
    public void Prepend(in Envelope envelope) => (_prepended ??= []).Add(envelope);

    public void Suspend() => Interlocked.Add(ref _status, SuspendUnit);

    /// <summary>Takes back one suspension; the mailbox is rescheduled by the running turn's epilogue.</summary>
    public void Resume()
    {
        int s;
        do
        {
            s = Volatile.Read(ref _status);
            if (s < SuspendUnit) return;
        } while (Interlocked.CompareExchange(ref _status, s - SuspendUnit, s) != s);
    }

    /// <summary>Closes the mailbox for good; everything still queued becomes dead letters.</summary>
    public void Close()
    {
        Interlocked.Or(ref _status, ClosedBit);
        DrainSystemMessages();
        if (_prepended is { Count: > 0 } p)
        {
            for (var i = p.Count - 1; i >= 0; i--) _cell.SystemImpl.DeadLetterRef.Publish(p[i].Message, p[i].Sender, _cell.Self);
            p.Clear();
        }
        DrainUserMessages();
    }

    private bool TrySchedule()
    {
        while (true)
        {
            var s = Volatile.Read(ref _status);
            if ((s & (ScheduledBit | ClosedBit)) != 0) return false;
            if (s >= SuspendUnit && !HasSystemMessages) return false;
            if (Interlocked.CompareExchange(ref _status, s | ScheduledBit, s) == s)
            {
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                return true;
            }
        }
    }

    /// <summary>One turn: all system messages, then a batch of user messages.</summary>
    public void Execute()
    {
        var previous = ActorCell.Current;
        ActorCell.Current = _cell;
        try
        {
            ProcessSystemMessages();
            ProcessUserMessages();
        }
        finally
        {
            ActorCell.Current = previous;
            Interlocked.And(ref _status, ~ScheduledBit);
            var s = Volatile.Read(ref _status);
            if ((s & ClosedBit) == 0 && (HasSystemMessages || (s < SuspendUnit && HasUserMessages)))
                TrySchedule();
        }
    }

    private void ProcessSystemMessages()
    {
        while (!IsClosed)
        {
            var batch = Interlocked.Exchange(ref _systemHead, null);
            if (batch is null) return;
            for (var m = Reverse(batch); m is not null;)
            {
                var next = m.Next;
                m.Next = null;
                if (IsClosed) DeadSystemMessage(m);
                else _cell.SystemInvoke(m);
                m = next;
            }
        }
    }

    private void ProcessUserMessages()
    {
        var left = _cell.SystemImpl.Throughput;
        while (left-- > 0 && Volatile.Read(ref _status) < SuspendUnit)
        {
            Envelope envelope;
            if (_prepended is { Count: > 0 } p)
            {
                envelope = p[^1];
                p.RemoveAt(p.Count - 1);
            }
            else if (_queue is null || !_queue.TryDequeue(out envelope)) return;

            _cell.Invoke(envelope);
            if (Volatile.Read(ref _systemHead) is not null) ProcessSystemMessages();
        }
    }

    private static SystemMessage Reverse(SystemMessage head)
    {
        SystemMessage? reversed = null;
        for (var m = head; m is not null;)
        {
            var next = m.Next;
            m.Next = reversed;
            reversed = m;
            m = next;
        }
        return reversed!;
    }

    private void DrainSystemMessages()
    {
        var batch = Interlocked.Exchange(ref _systemHead, null);
        if (batch is null) return;
        for (var m = Reverse(batch); m is not null;)
        {
            var next = m.Next;
            m.Next = null;
            DeadSystemMessage(m);
            m = next;
        }
    }

    private void DrainUserMessages()
    {
        var q = Volatile.Read(ref _queue);
        if (q is null) return;
        while (q.TryDequeue(out var e)) _cell.SystemImpl.DeadLetterRef.Publish(e.Message, e.Sender, _cell.Self);
    }

    /// <summary>A stopped actor still answers Watch, so a late watcher gets its Terminated.</summary>
    private void DeadSystemMessage(SystemMessage message)
    {
        if (message is Watch w && !ReferenceEquals(w.Watcher, _cell.Self))
            w.Watcher.SendSystemMessage(new DeathWatchNotification(_cell.Self, ExistenceConfirmed: true));
    }
}
