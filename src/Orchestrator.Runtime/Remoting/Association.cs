using System.Net.Sockets;
using System.Threading.Channels;

namespace Orchestrator.Runtime.Remoting;

/// <summary>
/// Everything this system has to do with one other system (one per remote address): the outbound
/// queue, at most one active connection, reconnection with backoff, failure detection, and the
/// sequence numbers that make system messages survive a reconnect.
/// </summary>
/// <remarks>
/// <para>Order: every message to the peer goes through one queue drained by one writer loop, and the
/// peer reads each connection with one reader loop, so messages keep their send order per sender.
/// While connecting, messages wait in the queue. A message in flight when a connection breaks may be
/// lost (at-most-once, as for any actor message); system messages are not: they carry sequence numbers,
/// are kept until the peer acknowledges them and are resent, deduplicated, on the next connection to
/// the same incarnation.</para>
/// <para>Simultaneous dials: when both systems dial at once, the connection dialed by the system whose
/// address sorts lower (ordinal) wins; the acceptor decides under this association's lock, so both
/// sides agree and no message was yet sent on the losing connection.</para>
/// <para>Lost for good: when nothing has been heard from the peer for <c>death-watch-failure-timeout</c>,
/// when it has refused connections for <c>retry-window</c>, or when it says goodbye, the association
/// is terminated: its peer incarnation is quarantined, queued messages go to dead letters, and every
/// watch of the peer's actors is notified once (see <see cref="RemoteWatcher"/>). The next message to
/// the address starts a fresh association.</para>
/// </remarks>
internal sealed class Association
{
    // Flush when this much is buffered even if more is queued, so a long backlog streams out steadily.
    private const int FlushThreshold = 256 * 1024;

    private readonly RemoteTransport _transport;
    private readonly Channel<OutboundEnvelope> _queue = Channel.CreateUnbounded<OutboundEnvelope>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = false });
    private readonly object _lock = new();
    // System messages not yet acknowledged by the peer, in sequence order.
    private readonly Queue<OutboundEnvelope> _unacked = new();
    private Connection? _active;
    private bool _dialing;
    private bool _reconnectScheduled;
    private bool _terminated;
    private int _attempt;
    private long _peerUid;
    private long _lastHeard;
    private long _refusedSince = -1;
    private long _nextSystemSeq;
    private long _lastWrittenSystemSeq;
    private long _inboundSystemSeq;
    private int _queuedUser;
    private int _overflows;
    private Task _writer = Task.CompletedTask;

    public Association(RemoteTransport transport, Address remote)
    {
        _transport = transport;
        Remote = remote;
        _lastHeard = Environment.TickCount64;
    }

    /// <summary>The other system's address.</summary>
    public Address Remote { get; }

    /// <summary>True once lost for good or closed by shutdown; a new association replaces it.</summary>
    public bool IsTerminated => Volatile.Read(ref _terminated);

    /// <summary>True while a connection is established (tests and diagnostics).</summary>
    public bool IsConnected => Volatile.Read(ref _active) is not null;

    /// <summary>The uid of the peer incarnation this association last talked to (0 before the first handshake).</summary>
    public long PeerUid
    {
        get { lock (_lock) return _peerUid; }
    }

    /// <summary>Queues a user message; false when the association was terminated meanwhile (the caller retries on a new one).</summary>
    public bool Send(in OutboundEnvelope e)
    {
        if (IsTerminated) return false;
        if (Interlocked.Increment(ref _queuedUser) > _transport.Settings.OutboundQueueSize)
        {
            Interlocked.Decrement(ref _queuedUser);
            // Logged on the first overflow and every 10,000th after, so a flood cannot flood the log too.
            if (Interlocked.Increment(ref _overflows) % 10_000 == 1)
                RemoteLog.OutboundQueueFull(_transport.Log, Remote.ToString(), _transport.Settings.OutboundQueueSize,
                    e.Message!.GetType().Name, e.Sender?.Path.ToString() ?? "no sender");
            _transport.DeadLetter(e, "outbound queue full");
            return true;
        }
        if (!_queue.Writer.TryWrite(e))
        {
            Interlocked.Decrement(ref _queuedUser);
            return false;
        }
        if (Volatile.Read(ref _active) is null) EnsureConnected();
        return true;
    }

    /// <summary>Queues a system message with the next sequence number; it is kept until acknowledged.</summary>
    public bool SendSystem(in OutboundEnvelope e)
    {
        lock (_lock)
        {
            if (_terminated) return false;
            var sequenced = e with { Seq = ++_nextSystemSeq };
            _unacked.Enqueue(sequenced);
            _queue.Writer.TryWrite(sequenced);
        }
        if (Volatile.Read(ref _active) is null) EnsureConnected();
        return true;
    }

    /// <summary>Dials unless a connection exists, is being made, or a reconnect is already scheduled.</summary>
    public void EnsureConnected()
    {
        lock (_lock)
        {
            if (_terminated || _active is not null || _dialing || _reconnectScheduled || _transport.IsShuttingDown) return;
            _dialing = true;
        }
        // Off the caller's thread: a Tell from an actor must never do socket or DNS work on a dispatcher thread.
        _ = Task.Run(DialAsync);
    }

    private async Task DialAsync()
    {
        Connection? conn = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_transport.ShutdownToken);
        timeout.CancelAfter(_transport.Settings.ConnectionTimeout);
        try
        {
            conn = await Connection.ConnectAsync(Remote, timeout.Token).ConfigureAwait(false);
            var peerUid = await Handshake.DialAsync(conn, _transport, Remote, timeout.Token).ConfigureAwait(false);
            long oldUid;
            lock (_lock)
            {
                _dialing = false;
                // Only reachable if an inbound connection won meanwhile; the protocol makes the peer reject
                // this dial then, so this is a safety net.
                if (_terminated || _active is not null)
                {
                    conn.Close();
                    return;
                }
                oldUid = Activate(conn, peerUid);
            }
            Established(conn, peerUid, oldUid);
        }
        catch (Exception e)
        {
            conn?.Close();
            var refused = e is SocketException { SocketErrorCode: SocketError.ConnectionRefused };
            if (e is HandshakeException { RejectedByPeer: true } duplicate && duplicate.Message.Contains(RemoteTransport.DuplicateReason, StringComparison.Ordinal))
            {
                // Lost the simultaneous-dial race: the peer's connection (accepted here) carries the traffic.
                lock (_lock) _dialing = false;
                ScheduleReconnect();
                return;
            }
            if (e is HandshakeException) RemoteLog.HandshakeFailed(_transport.Log, Remote.ToString(), e.Message);
            else RemoteLog.DialFailed(_transport.Log, Remote.ToString(), e is OperationCanceledException ? "timed out" : e.Message);
            lock (_lock)
            {
                _dialing = false;
                if (refused && _refusedSince < 0) _refusedSince = Environment.TickCount64;
            }
            ScheduleReconnect();
        }
    }

    /// <summary>
    /// Decides whether an authenticated inbound connection becomes the active one. Refused when this
    /// side's own dial (in progress or established) wins the simultaneous-dial race; otherwise it replaces
    /// any existing connection (the peer redialed, so it considers the old one dead).
    /// </summary>
    public bool TryAcceptInbound(Connection conn, long peerUid, out long oldUid)
    {
        Connection? replaced;
        oldUid = 0;
        lock (_lock)
        {
            if (_terminated) return false;
            var ourDialWins = string.CompareOrdinal(_transport.LocalAddress.ToString(), Remote.ToString()) < 0;
            if (ourDialWins && (_dialing || _active is { Outbound: true })) return false;
            replaced = _active;
            oldUid = Activate(conn, peerUid);
        }
        replaced?.Close();
        return true;
    }

    /// <summary>Makes <paramref name="conn"/> active (under the lock); returns the previous peer uid.</summary>
    private long Activate(Connection conn, long peerUid)
    {
        var old = _peerUid;
        if (old != 0 && old != peerUid)
        {
            // A new incarnation: what was pending for the old one is moot, and its sequence numbers restart.
            _unacked.Clear();
            _inboundSystemSeq = 0;
        }
        _peerUid = peerUid;
        _active = conn;
        _attempt = 0;
        _refusedSince = -1;
        _lastHeard = Environment.TickCount64;
        return old;
    }

    /// <summary>After the handshake: report a restarted peer, then start the connection's loops.</summary>
    public void Established(Connection conn, long peerUid, long oldUid)
    {
        RemoteLog.Associated(_transport.Log, Remote.ToString(), peerUid, conn.Outbound ? "outbound" : "inbound");
        if (oldUid != 0 && oldUid != peerUid) _transport.OnPeerRestarted(this, oldUid, peerUid);
        lock (_lock)
        {
            if (!ReferenceEquals(_active, conn))
            {
                conn.Close();
                return;
            }
            var previous = _writer;
            _writer = Task.Run(() => WriteLoop(conn, previous));
        }
        _ = Task.Run(() => ReadLoop(conn));
    }

    private async Task WriteLoop(Connection conn, Task previous)
    {
        // One reader of the queue at a time: the loop of a replaced connection finishes first.
        try
        {
            await previous.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Its failure was handled by its own connection-lost path.
        }
        var encoder = new FrameEncoder(_transport);
        var output = conn.Output;
        var reader = _queue.Reader;
        var reason = "closed";
        try
        {
            OutboundEnvelope[] resend;
            lock (_lock) resend = _unacked.Where(u => u.Seq <= _lastWrittenSystemSeq).ToArray();
            foreach (var e in resend) encoder.WriteSystem(output, e);
            if (resend.Length > 0 && (await output.FlushAsync(conn.Token).ConfigureAwait(false)).IsCompleted) return;

            while (await reader.WaitToReadAsync(conn.Token).ConfigureAwait(false))
            {
                while (reader.TryRead(out var e))
                {
                    switch (e.Kind)
                    {
                        case FrameKind.User:
                        case FrameKind.Selection:
                            Interlocked.Decrement(ref _queuedUser);
                            encoder.WriteUser(output, e);
                            break;
                        case FrameKind.System:
                            // Counted as written before writing: if the connection breaks now, it is resent.
                            Volatile.Write(ref _lastWrittenSystemSeq, e.Seq);
                            encoder.WriteSystem(output, e);
                            break;
                        case FrameKind.Heartbeat:
                        case FrameKind.Ack:
                            FrameEncoder.WriteControl(output, e.Kind, Volatile.Read(ref _inboundSystemSeq));
                            break;
                        case FrameKind.Goodbye:
                            FrameEncoder.WriteGoodbye(output);
                            await output.FlushAsync(conn.Token).ConfigureAwait(false);
                            ((TaskCompletionSource)e.Message!).TrySetResult();
                            break;
                    }
                    if (output.UnflushedBytes >= FlushThreshold && (await output.FlushAsync(conn.Token).ConfigureAwait(false)).IsCompleted) return;
                }
                if ((await output.FlushAsync(conn.Token).ConfigureAwait(false)).IsCompleted) return;
            }
        }
        catch (Exception e)
        {
            reason = e is OperationCanceledException ? "closed" : e.Message;
        }
        finally
        {
            OnConnectionLost(conn, reason);
        }
    }

    private async Task ReadLoop(Connection conn)
    {
        var decoder = new FrameDecoder(_transport, this);
        var reason = "closed by the peer";
        try
        {
            while (true)
            {
                var result = await conn.Input.ReadAsync(conn.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                Volatile.Write(ref _lastHeard, Environment.TickCount64);
                try
                {
                    decoder.Process(ref buffer);
                }
                finally
                {
                    conn.Input.AdvanceTo(buffer.Start, buffer.End);
                }
                if (decoder.AckDue)
                {
                    decoder.AckDue = false;
                    _queue.Writer.TryWrite(new OutboundEnvelope(FrameKind.Ack, null, null, null));
                }
                if (decoder.Stopped || result.IsCompleted) break;
            }
        }
        catch (ProtocolViolationException e)
        {
            reason = e.Message;
            RemoteLog.ProtocolError(_transport.Log, Remote.ToString(), e.Message);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            reason = e is OperationCanceledException ? "closed" : e.Message;
        }
        catch (Exception e)
        {
            reason = e.Message;
            RemoteLog.ProtocolError(_transport.Log, Remote.ToString(), $"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            OnConnectionLost(conn, reason);
        }
    }

    /// <summary>A connection ended (either loop, or a failed accept): forget it and reconnect if it was the active one.</summary>
    public void OnConnectionLost(Connection conn, string reason)
    {
        conn.Close();
        lock (_lock)
        {
            if (!ReferenceEquals(_active, conn)) return;
            _active = null;
        }
        if (!IsTerminated) RemoteLog.ConnectionLost(_transport.Log, Remote.ToString(), reason);
        ScheduleReconnect();
    }

    private void ScheduleReconnect()
    {
        TimeSpan delay;
        lock (_lock)
        {
            if (_terminated || _active is not null || _dialing || _reconnectScheduled || _transport.IsShuttingDown) return;
            _reconnectScheduled = true;
            delay = Backoff(_attempt++);
        }
        _ = Task.Delay(delay, _transport.ShutdownToken).ContinueWith(t =>
        {
            lock (_lock) _reconnectScheduled = false;
            if (!t.IsCanceled) EnsureConnected();
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Doubling from backoff-min to backoff-max, with ±20% jitter so two sides do not redial in lockstep.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var s = _transport.Settings;
        var ms = Math.Min(s.BackoffMax.TotalMilliseconds, s.BackoffMin.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 20)));
        return TimeSpan.FromMilliseconds(ms * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    /// <summary>Accepts an inbound system message's sequence number; false for one already delivered.</summary>
    public bool AcceptSystemSequence(long seq)
    {
        lock (_lock)
        {
            // Unsequenced, or a gap after the peer lost its pending messages (a new incarnation): deliver.
            if (seq != 0 && seq <= _inboundSystemSeq) return false;
            if (seq > _inboundSystemSeq) _inboundSystemSeq = seq;
            return true;
        }
    }

    /// <summary>The peer has every system message up to <paramref name="seq"/>.</summary>
    public void OnAck(long seq)
    {
        lock (_lock)
            while (_unacked.Count > 0 && _unacked.Peek().Seq <= seq) _unacked.Dequeue();
    }

    /// <summary>Periodic: heartbeat on the active connection, and the two lost-for-good checks.</summary>
    public void Tick(long now)
    {
        if (IsTerminated) return;
        if (Volatile.Read(ref _active) is not null) _queue.Writer.TryWrite(new OutboundEnvelope(FrameKind.Heartbeat, null, null, null));
        var s = _transport.Settings;
        var silent = now - Volatile.Read(ref _lastHeard);
        if (silent > s.DeathWatchFailureTimeout.TotalMilliseconds)
        {
            Lost($"nothing heard for {silent} ms, death-watch-failure-timeout is {s.DeathWatchFailureTimeout.TotalMilliseconds:0} ms");
            return;
        }
        long refusedSince;
        lock (_lock) refusedSince = _active is null ? _refusedSince : -1;
        if (refusedSince >= 0 && now - refusedSince > s.RetryWindow.TotalMilliseconds)
            Lost($"connections refused for {now - refusedSince} ms, retry-window is {s.RetryWindow.TotalMilliseconds:0} ms");
    }

    /// <summary>The peer is gone for good: quarantine it, notify watchers, dead-letter what is queued.</summary>
    public void Lost(string reason)
    {
        Connection? active;
        long uid;
        lock (_lock)
        {
            if (_terminated) return;
            _terminated = true;
            active = _active;
            _active = null;
            uid = _peerUid;
            _unacked.Clear();
        }
        _queue.Writer.TryComplete();
        active?.Close();
        _transport.OnAssociationLost(this, uid, reason);
        DrainWhenWriterDone("association lost");
    }

    /// <summary>Shutdown: writes a Goodbye after everything queued; completes when it is flushed (or there is no connection).</summary>
    public Task SayGoodbyeAsync()
    {
        lock (_lock)
        {
            if (_terminated || _active is null) return Task.CompletedTask;
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(new OutboundEnvelope(FrameKind.Goodbye, null, done, null)) ? done.Task : Task.CompletedTask;
    }

    /// <summary>Shutdown: closes without declaring the peer dead (it is this system that goes away).</summary>
    public void Close()
    {
        Connection? active;
        lock (_lock)
        {
            _terminated = true;
            active = _active;
            _active = null;
        }
        _queue.Writer.TryComplete();
        active?.Close();
        DrainWhenWriterDone("remoting shut down");
    }

    private void DrainWhenWriterDone(string reason)
    {
        Task writer;
        lock (_lock) writer = _writer;
        _ = writer.ContinueWith(_ =>
        {
            while (_queue.Reader.TryRead(out var e))
            {
                if (e.Kind is FrameKind.User or FrameKind.Selection)
                {
                    Interlocked.Decrement(ref _queuedUser);
                    _transport.DeadLetter(e, reason);
                }
                else if (e.Kind == FrameKind.Goodbye) ((TaskCompletionSource)e.Message!).TrySetResult();
            }
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }
}
