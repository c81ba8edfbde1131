using System.Data.Common;
using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>
/// Folds the two result sets of <see cref="JournalSql.RecoverMany"/> into one <see cref="RecoveredEvents"/>
/// per query: feed it every event row, then every highest-sequence-number row, then ask for the results.
/// The backends only differ in how they step their readers (SQLite synchronously on its own thread,
/// PostgreSQL asynchronously).
/// </summary>
internal sealed class RecoveryRowFolder
{
    private readonly Dictionary<string, List<PersistentRepr>> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _highest = new(StringComparer.Ordinal);
    private readonly EventRowAccumulator _rows = new();

    /// <summary>Takes one row of the first result set.</summary>
    public void AddEventRow(DbDataReader row)
    {
        if (_rows.Add(row) is { } completed) Keep(completed);
    }

    /// <summary>Takes one row of the second result set (id, highest in the journal, highest in the metadata).</summary>
    public void AddHighestRow(DbDataReader row)
    {
        if (_rows.Complete() is { } last) Keep(last);
        _highest[row.GetString(0)] = Math.Max(row.GetInt64(1), row.GetInt64(2));
    }

    /// <summary>One result per query, in query order.</summary>
    public IReadOnlyList<RecoveredEvents> Results(IReadOnlyList<RecoveryQuery> queries)
    {
        if (_rows.Complete() is { } last) Keep(last);
        var results = new RecoveredEvents[queries.Count];
        for (var i = 0; i < queries.Count; i++)
        {
            var query = queries[i];
            var found = _events.GetValueOrDefault(query.PersistenceId) ?? [];
            // An id asked twice in one batch (two incarnations recovering) was read once from the lower
            // starting point; each query gets its own part.
            results[i] = new RecoveredEvents(found.FindAll(e => e.SequenceNr >= query.FromSequenceNr), _highest.GetValueOrDefault(query.PersistenceId));
        }
        return results;
    }

    private void Keep(PersistentRepr e)
    {
        if (!_events.TryGetValue(e.PersistenceId, out var list)) _events[e.PersistenceId] = list = [];
        list.Add(e);
    }
}
