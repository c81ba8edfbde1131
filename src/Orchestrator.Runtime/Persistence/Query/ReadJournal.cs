using System.Runtime.CompilerServices;
using Orchestrator.Runtime.Persistence.Journal;
using Orchestrator.Runtime.Persistence.Storage;
using Orchestrator.Runtime.Serialization;

namespace Orchestrator.Runtime.Persistence.Query;

/// <summary>
/// Queries in the style of Akka.Persistence.Query. "Current" queries end at what is committed now;
/// live ones never end: they wake as soon as this process commits, and poll for other processes'
/// writes. Streams by tag are ordered by the global ordering with no gap and no duplicate, because
/// the storage makes orderings visible in order.
/// </summary>
public sealed class ReadJournal
{
    private readonly IJournalStorage _storage;
    private readonly SerializationRegistry _serialization;
    private readonly JournalNotifier _notifier;
    private readonly PersistenceSettings _settings;
    private readonly object _initLock = new();
    private Task? _initialized;

    internal ReadJournal(IJournalStorage storage, SerializationRegistry serialization, JournalNotifier notifier, PersistenceSettings settings)
    {
        _storage = storage;
        _serialization = serialization;
        _notifier = notifier;
        _settings = settings;
    }

    /// <summary>The highest ordering committed now: a list taken now is consistent "as of" this offset.</summary>
    public async Task<long> HighestOffsetAsync(CancellationToken cancellationToken = default)
    {
        await EnsureInitialized().ConfigureAwait(false);
        return await _storage.HighestOrderingAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queries may run before any entity has started: create the schema once (again after a failure).</summary>
    private Task EnsureInitialized()
    {
        lock (_initLock)
        {
            if (_initialized is null || _initialized.IsFaulted || _initialized.IsCanceled) _initialized = _storage.InitializeAsync();
            return _initialized;
        }
    }

    /// <summary>Events tagged <paramref name="tag"/> after <paramref name="offset"/>, up to what is committed now.</summary>
    public IAsyncEnumerable<EventEnvelope> CurrentEventsByTag(string tag, long offset = 0, CancellationToken cancellationToken = default) =>
        ByOrdering((from, to, max, ct) => _storage.EventsByTagAsync(tag, from, to, max, ct), offset, live: false, cancellationToken);

    /// <summary>Events tagged <paramref name="tag"/> after <paramref name="offset"/>, then every new one as it is committed.</summary>
    public IAsyncEnumerable<EventEnvelope> EventsByTag(string tag, long offset = 0, CancellationToken cancellationToken = default) =>
        ByOrdering((from, to, max, ct) => _storage.EventsByTagAsync(tag, from, to, max, ct), offset, live: true, cancellationToken);

    /// <summary>All events after <paramref name="offset"/>, up to what is committed now.</summary>
    public IAsyncEnumerable<EventEnvelope> CurrentAllEvents(long offset = 0, CancellationToken cancellationToken = default) =>
        ByOrdering((from, to, max, ct) => _storage.AllEventsAsync(from, to, max, ct), offset, live: false, cancellationToken);

    /// <summary>Events of <paramref name="persistenceId"/> in the sequence-number range, as committed now.</summary>
    public IAsyncEnumerable<EventEnvelope> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue, CancellationToken cancellationToken = default) =>
        ByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr, live: false, cancellationToken);

    /// <summary>Events of <paramref name="persistenceId"/> from <paramref name="fromSequenceNr"/>, then every new one until <paramref name="toSequenceNr"/>.</summary>
    public IAsyncEnumerable<EventEnvelope> EventsByPersistenceId(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue, CancellationToken cancellationToken = default) =>
        ByPersistenceId(persistenceId, fromSequenceNr, toSequenceNr, live: true, cancellationToken);

    /// <summary>Every persistence id with events.</summary>
    public async IAsyncEnumerable<string> CurrentPersistenceIds([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureInitialized().ConfigureAwait(false);
        await foreach (var id in _storage.PersistenceIdsAsync(cancellationToken).ConfigureAwait(false)) yield return id;
    }

    private delegate IAsyncEnumerable<PersistentRepr> RangeQuery(long fromExclusive, long toInclusive, int max, CancellationToken cancellationToken);

    private async IAsyncEnumerable<EventEnvelope> ByOrdering(RangeQuery query, long offset, bool live, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureInitialized().ConfigureAwait(false);
        var scanned = offset;
        long? polledAt = null; // Environment.TickCount64, monotonic: a wall-clock jump must not stop the polling
        while (true)
        {
            // Take the wake-up before reading, so a commit between the read and the wait is not missed.
            var wake = _notifier.WaitForNewerThan(scanned);
            // A commit of this process settles every ordering below it (orderings become visible in order), so
            // after a local wake-up the notifier's mark is a safe end for the range, and the database is asked for
            // its highest ordering (which finds other processes' writes) only once per poll interval.
            var local = _notifier.Highest;
            long highest;
            if (live && local > scanned && polledAt is { } at && Environment.TickCount64 - at < (long)_settings.QueryPollInterval.TotalMilliseconds) highest = local;
            else
            {
                highest = await _storage.HighestOrderingAsync(cancellationToken).ConfigureAwait(false);
                polledAt = Environment.TickCount64;
            }
            while (scanned < highest)
            {
                var read = 0;
                await foreach (var repr in query(scanned, highest, _settings.QueryBatchSize, cancellationToken).ConfigureAwait(false))
                {
                    read++;
                    scanned = repr.Ordering;
                    yield return ToEnvelope(repr);
                }
                if (read < _settings.QueryBatchSize) scanned = highest;
            }
            if (!live) yield break;
            await Task.WhenAny(wake, Task.Delay(_settings.QueryPollInterval, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async IAsyncEnumerable<EventEnvelope> ByPersistenceId(string persistenceId, long from, long to, bool live, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureInitialized().ConfigureAwait(false);
        var next = from;
        while (next <= to)
        {
            var wake = _notifier.WaitForNewerThan(_notifier.Highest);
            var read = 0;
            await foreach (var repr in _storage.ReplayAsync(persistenceId, next, to, _settings.QueryBatchSize, cancellationToken).ConfigureAwait(false))
            {
                read++;
                next = repr.SequenceNr + 1;
                yield return ToEnvelope(repr);
            }
            if (read == _settings.QueryBatchSize) continue;
            if (!live) yield break;
            await Task.WhenAny(wake, Task.Delay(_settings.QueryPollInterval, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private EventEnvelope ToEnvelope(PersistentRepr repr)
    {
        object @event;
        try
        {
            @event = _serialization.Deserialize(repr.Manifest, repr.Payload);
        }
        catch (Exception e)
        {
            throw new RecoveryException(repr.PersistenceId, repr.SequenceNr, $"event at ordering {repr.Ordering} (manifest '{repr.Manifest}') cannot be read: {e.Message}", e);
        }
        return new EventEnvelope(repr.Ordering, repr.PersistenceId, repr.SequenceNr, @event, repr.Timestamp, repr.Tags);
    }
}
