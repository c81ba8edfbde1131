using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>
/// The <c>sqlite</c> journal: one database file in WAL mode, <c>synchronous=FULL</c> so every
/// acknowledged commit is on disk.
/// </summary>
/// <remarks>
/// <para>Threads: all writes go through one dedicated writer thread fed by a queue, in arrival order;
/// queries run on <see cref="SqliteDatabase.ReaderThreads"/> dedicated reader threads and stream large
/// results in pages of <see cref="PageSize"/> events (each page its own statement). No SQLite call ever
/// runs on the caller's thread.</para>
/// <para>Ordering visibility: every write transaction starts with <c>BEGIN IMMEDIATE</c>, taking the
/// database's single write lock before assigning orderings, so transactions (of this and any other
/// process using the file) assign and commit orderings in the same order and a reader can never see
/// ordering N before every lower ordering is committed.</para>
/// </remarks>
public sealed class SqliteJournalStorage : IJournalStorage
{
    /// <summary>Events per reader round trip when streaming replays and queries.</summary>
    public const int PageSize = 500;

    private readonly SqlTableNames _tables;
    private readonly JournalSql _sql;
    private readonly string _insertEvent;
    private readonly SqliteDatabase _database;
    private readonly string _recoverMany;

    /// <summary>Creates the storage; nothing is opened until the first call.</summary>
    public SqliteJournalStorage(SqlStorageOptions options)
    {
        _tables = new SqlTableNames(options);
        _sql = new JournalSql(_tables);
        _insertEvent = _sql.InsertEvent + " RETURNING ordering";
        _database = new SqliteDatabase(options, "sqlite-journal");
        _recoverMany = _sql.RecoverMany("r AS (SELECT json_extract(value, '$[0]') AS pid, json_extract(value, '$[1]') AS from_seq FROM json_each(@queries))");
    }

    /// <summary>The database file.</summary>
    public string FilePath => _database.FilePath;

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _database.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = SqlSchema.SqliteJournal(_tables);
            command.ExecuteNonQuery();
            transaction.Commit();
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        if (writes.Count == 0) return Task.FromResult<IReadOnlyList<WriteResult>>([]);
        return _database.WriteAsync(connection =>
        {
            var pending = GroupCommit.WriteAsync(
                writes, (batch, _) => new ValueTask<WriteResult[]>(WriteInOneTransaction(connection, batch)), cancellationToken);
            // The delegate never yields, so neither does GroupCommit: it has already run to the end here.
            if (!pending.IsCompleted) throw new InvalidOperationException("Group commit yielded on the SQLite writer thread.");
            return pending.GetAwaiter().GetResult();
        }, cancellationToken);
    }

    /// <summary>
    /// The batch in one transaction, each write under its own savepoint: a write whose sequence number is taken
    /// (stored, or deleted) is rolled back to its savepoint and refused alone, and the others commit.
    /// </summary>
    private WriteResult[] WriteInOneTransaction(SqliteConnection connection, IReadOnlyList<AtomicWrite> writes)
    {
        // BEGIN IMMEDIATE: take the write lock now, not at the first INSERT, so orderings are assigned
        // and committed under one lock (see the class remarks).
        using var transaction = connection.BeginTransaction(deferred: false);
        using var insertEvent = connection.CreateCommand();
        insertEvent.Transaction = transaction;
        insertEvent.CommandText = _insertEvent;
        using var insertTag = connection.CreateCommand();
        insertTag.Transaction = transaction;
        insertTag.CommandText = _sql.InsertTag;
        var ordering = insertTag.Parameters.Add("ordering", SqliteType.Integer);
        var tag = insertTag.Parameters.Add("tag", SqliteType.Text);

        var result = new WriteResult[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var events = writes[i].Events;
            var orderings = new long[events.Count];
            transaction.Save("write");
            DuplicateSequenceNumberException? taken = null;
            for (var j = 0; j < events.Count && taken is null; j++)
            {
                var e = events[j];
                insertEvent.Parameters.Clear();
                foreach (var (name, value) in SqlParameters.EventValues(e)) insertEvent.Parameters.AddWithValue(name, value);
                object? assigned;
                try
                {
                    assigned = insertEvent.ExecuteScalar();
                }
                catch (SqliteException ex) when (SqliteDatabase.IsUniqueViolation(ex))
                {
                    taken = new DuplicateSequenceNumberException(e.PersistenceId, e.SequenceNr, ex);
                    break;
                }
                // No row: the guard found the sequence number among deleted events.
                if (assigned is not long eventOrdering)
                {
                    taken = new DuplicateSequenceNumberException(e.PersistenceId, e.SequenceNr);
                    break;
                }
                orderings[j] = eventOrdering;
                ordering.Value = eventOrdering;
                foreach (var t in SqlParameters.DistinctTags(e))
                {
                    tag.Value = t;
                    insertTag.ExecuteNonQuery();
                }
            }
            if (taken is null)
            {
                transaction.Release("write");
                result[i] = new WriteResult(orderings, null);
            }
            else
            {
                transaction.Rollback("write");
                transaction.Release("write");
                result[i] = new WriteResult([], taken);
            }
        }
        transaction.Commit();
        return result;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<PersistentRepr> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var next = fromSequenceNr;
        var remaining = max;
        while (remaining > 0 && next <= toSequenceNr)
        {
            var limit = (int)Math.Min(remaining, PageSize);
            var from = next;
            var page = await _database.ReadAsync(connection => QueryEvents(connection, _sql.Replay, command =>
            {
                command.Parameters.AddWithValue("pid", persistenceId);
                command.Parameters.AddWithValue("from", from);
                command.Parameters.AddWithValue("to", toSequenceNr);
                command.Parameters.AddWithValue("max", limit);
            }), cancellationToken);
            foreach (var e in page) yield return e;
            if (page.Count < limit || page[^1].SequenceNr == long.MaxValue) yield break;
            remaining -= page.Count;
            next = page[^1].SequenceNr + 1;
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RecoveredEvents>> RecoverManyAsync(IReadOnlyList<RecoveryQuery> queries, CancellationToken cancellationToken = default)
    {
        // SQLite has no array parameters: the ids travel as one JSON array that json_each turns into rows.
        var ids = JournalSql.DistinctIds(queries);
        var json = System.Text.Json.JsonSerializer.Serialize(ids.Select(q => new object[] { q.PersistenceId, q.FromSequenceNr }));
        return _database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = _recoverMany;
            command.Parameters.AddWithValue("queries", json);
            using var reader = command.ExecuteReader();
            var folder = new RecoveryRowFolder();
            while (reader.Read()) folder.AddEventRow(reader);
            if (!reader.NextResult()) throw new InvalidOperationException("The recovery query returned one result set of two.");
            while (reader.Read()) folder.AddHighestRow(reader);
            return folder.Results(queries);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default) =>
        _database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = _sql.HighestSequenceNr;
            command.Parameters.AddWithValue("pid", persistenceId);
            return Convert.ToInt64(command.ExecuteScalar());
        }, cancellationToken);

    /// <inheritdoc />
    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        _database.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = _sql.DeleteMessagesTo;
            command.Parameters.AddWithValue("pid", persistenceId);
            command.Parameters.AddWithValue("to", toSequenceNr);
            command.ExecuteNonQuery();
            transaction.Commit();
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<PersistentRepr> EventsByTagAsync(string tag, long fromOrderingExclusive, long toOrderingInclusive, int max,
        CancellationToken cancellationToken = default) =>
        OrderingRange(_sql.EventsByTag, command => command.Parameters.AddWithValue("tag", tag),
            fromOrderingExclusive, toOrderingInclusive, max, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<PersistentRepr> AllEventsAsync(long fromOrderingExclusive, long toOrderingInclusive, int max,
        CancellationToken cancellationToken = default) =>
        OrderingRange(_sql.AllEvents, _ => { }, fromOrderingExclusive, toOrderingInclusive, max, cancellationToken);

    private async IAsyncEnumerable<PersistentRepr> OrderingRange(string sql, Action<SqliteCommand> bind, long fromExclusive, long toInclusive, int max,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = fromExclusive;
        var remaining = max;
        while (remaining > 0 && after < toInclusive)
        {
            var limit = Math.Min(remaining, PageSize);
            var from = after;
            var page = await _database.ReadAsync(connection => QueryEvents(connection, sql, command =>
            {
                bind(command);
                command.Parameters.AddWithValue("from", from);
                command.Parameters.AddWithValue("to", toInclusive);
                command.Parameters.AddWithValue("max", limit);
            }), cancellationToken);
            foreach (var e in page) yield return e;
            if (page.Count < limit) yield break;
            remaining -= page.Count;
            after = page[^1].Ordering;
        }
    }

    private static List<PersistentRepr> QueryEvents(SqliteConnection connection, string sql, Action<SqliteCommand> bind)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        using var reader = command.ExecuteReader();
        var events = new List<PersistentRepr>();
        var rows = new EventRowAccumulator();
        while (reader.Read())
        {
            if (rows.Add(reader) is { } completed) events.Add(completed);
        }
        if (rows.Complete() is { } last) events.Add(last);
        return events;
    }

    /// <inheritdoc />
    public Task<long> HighestOrderingAsync(CancellationToken cancellationToken = default) =>
        _database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = _sql.HighestOrdering;
            return Convert.ToInt64(command.ExecuteScalar());
        }, cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<string> PersistenceIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var ids = await _database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = _sql.PersistenceIds;
            using var reader = command.ExecuteReader();
            var found = new List<string>();
            while (reader.Read()) found.Add(reader.GetString(0));
            return found;
        }, cancellationToken);
        foreach (var id in ids) yield return id;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
