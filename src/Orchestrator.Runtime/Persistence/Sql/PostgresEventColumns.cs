using Npgsql;
using NpgsqlTypes;
using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>
/// A batch of <see cref="AtomicWrite"/>s turned into columns: one array per journal column with one
/// element per event (in write order, then event order), and two parallel arrays of (event number,
/// tag) pairs. Event numbers are 1-based like <c>unnest ... WITH ORDINALITY</c>, which is how the set-based
/// insert of <see cref="PostgresJournalStorage"/> maps each returned ordering back to its event.
/// </summary>
internal sealed class PostgresEventColumns
{
    private readonly string[] _persistenceIds;
    private readonly long[] _sequenceNrs;
    private readonly string[] _manifests;
    private readonly byte[][] _payloads;
    private readonly long[] _timestamps;
    private readonly string[] _writerIds;
    private readonly long[] _tagEvents;
    private readonly string[] _tags;
    private readonly int[] _eventsPerWrite;

    public PostgresEventColumns(IReadOnlyList<AtomicWrite> writes)
    {
        _eventsPerWrite = new int[writes.Count];
        var count = 0;
        var tagCount = 0;
        for (var i = 0; i < writes.Count; i++)
        {
            var events = writes[i].Events;
            _eventsPerWrite[i] = events.Count;
            count += events.Count;
            for (var j = 0; j < events.Count; j++) tagCount += events[j].Tags.Count;
        }

        Count = count;
        _persistenceIds = new string[count];
        _sequenceNrs = new long[count];
        _manifests = new string[count];
        _payloads = new byte[count][];
        _timestamps = new long[count];
        _writerIds = new string[count];
        var tagEvents = new List<long>(tagCount);
        var tags = new List<string>(tagCount);

        var next = 0;
        foreach (var write in writes)
        {
            foreach (var e in write.Events)
            {
                _persistenceIds[next] = e.PersistenceId;
                _sequenceNrs[next] = e.SequenceNr;
                _manifests[next] = e.Manifest;
                _payloads[next] = e.Payload;
                _timestamps[next] = e.Timestamp;
                _writerIds[next] = e.WriterId;
                next++;
                // (tag, ordering) is the tags table's primary key, so an event lists each tag once.
                foreach (var tag in e.Tags.Count < 2 ? e.Tags : SqlParameters.DistinctTags(e))
                {
                    tagEvents.Add(next);
                    tags.Add(tag);
                }
            }
        }
        _tagEvents = [.. tagEvents];
        _tags = [.. tags];
    }

    /// <summary>Events in the batch.</summary>
    public int Count { get; }

    /// <summary>Binds @pids, @seqs, @manifests, @payloads, @timestamps, @writers, @tag_events and @tags.</summary>
    public void Bind(NpgsqlParameterCollection parameters)
    {
        parameters.Add(new NpgsqlParameter<string[]>("pids", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = _persistenceIds });
        parameters.Add(new NpgsqlParameter<long[]>("seqs", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = _sequenceNrs });
        parameters.Add(new NpgsqlParameter<string[]>("manifests", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = _manifests });
        parameters.Add(new NpgsqlParameter<byte[][]>("payloads", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { TypedValue = _payloads });
        parameters.Add(new NpgsqlParameter<long[]>("timestamps", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = _timestamps });
        parameters.Add(new NpgsqlParameter<string[]>("writers", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = _writerIds });
        parameters.Add(new NpgsqlParameter<long[]>("tag_events", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = _tagEvents });
        parameters.Add(new NpgsqlParameter<string[]>("tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = _tags });
    }

    /// <summary>True when some write got orderings for some of its events but not all (0 marks an event not inserted).</summary>
    public bool AnyWriteTakenInPart(long[] orderings)
    {
        var next = 0;
        foreach (var count in _eventsPerWrite)
        {
            var inserted = 0;
            for (var j = next; j < next + count; j++) if (orderings[j] != 0) inserted++;
            if (inserted != 0 && inserted != count) return true;
            next += count;
        }
        return false;
    }

    /// <summary>
    /// One result per write: its orderings (one per event in batch order), or, for a write none of whose events was
    /// inserted (ordering 0: its sequence numbers are taken), a <see cref="DuplicateSequenceNumberException"/> naming
    /// its first sequence number.
    /// </summary>
    public WriteResult[] Results(IReadOnlyList<AtomicWrite> writes, long[] orderings)
    {
        var results = new WriteResult[writes.Count];
        var next = 0;
        for (var i = 0; i < results.Length; i++)
        {
            var count = _eventsPerWrite[i];
            results[i] = count > 0 && orderings[next] == 0
                ? new WriteResult([], new DuplicateSequenceNumberException(writes[i].Events[0].PersistenceId, writes[i].Events[0].SequenceNr))
                : new WriteResult(orderings.AsSpan(next, count).ToArray(), null);
            next += count;
        }
        return results;
    }
}
