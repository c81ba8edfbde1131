using System.Data.Common;
using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>
/// Folds the rows of a <see cref="JournalSql"/> event query (one row per event and tag, the rows of
/// one event adjacent) back into events. Column order: ordering, persistence_id, sequence_nr,
/// manifest, payload, timestamp, writer_id, tag (null when the event has none).
/// </summary>
internal sealed class EventRowAccumulator
{
    private PersistentRepr? _current;
    private List<string>? _tags;

    /// <summary>Takes the reader's current row; returns the previous event once a row of a new one arrives.</summary>
    public PersistentRepr? Add(DbDataReader row)
    {
        var ordering = row.GetInt64(0);
        PersistentRepr? completed = null;
        if (_current is null || _current.Ordering != ordering)
        {
            completed = Complete();
            _tags = [];
            _current = new PersistentRepr(
                PersistenceId: row.GetString(1),
                SequenceNr: row.GetInt64(2),
                Manifest: row.GetString(3),
                Payload: row.GetFieldValue<byte[]>(4),
                Tags: _tags,
                Timestamp: row.GetInt64(5),
                WriterId: row.GetString(6),
                Ordering: ordering);
        }
        if (!row.IsDBNull(7)) _tags!.Add(row.GetString(7));
        return completed;
    }

    /// <summary>The last event, once the rows are exhausted (null when there were none).</summary>
    public PersistentRepr? Complete()
    {
        var last = _current;
        _current = null;
        _tags = null;
        return last;
    }
}
