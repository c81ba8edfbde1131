using System.Runtime.CompilerServices;
using Npgsql;
using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>
/// The <c>postgresql</c> journal. Uses its own pooled <see cref="NpgsqlDataSource"/> (truly async I/O,
/// no thread blocked while the database works); default server settings, so each commit is durable
/// (<c>synchronous_commit = on</c>).
/// </summary>
/// <remarks>
/// <para>Group commit: a batch is one transaction sent as one <see cref="NpgsqlBatch"/> round trip: the
/// write lock, then one statement per event that inserts it and its tags and returns its ordering.</para>
/// <para>Ordering visibility: an identity column alone is not enough, because a transaction that took
/// ordering 10 may commit after one that took 11, and a reader that has passed 11 would never see 10.
/// So every write transaction first takes <c>pg_advisory_xact_lock</c> on a key fixed per journal
/// table: orderings are drawn under the lock and the lock is released only after the commit is
/// visible, so writers in every process commit in ordering order. Gaps (rolled-back orderings) remain
/// possible and harmless; readers never wait for them. The identity must keep its default CACHE 1.</para>
/// </remarks>
public sealed class PostgresJournalStorage : IJournalStorage
{
    private readonly SqlTableNames _tables;
    private readonly JournalSql _sql;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _lockWriters;
    private readonly string _insertEvent;

    /// <summary>Creates the storage and its connection pool; nothing is opened until the first call.</summary>
    public PostgresJournalStorage(SqlStorageOptions options)
    {
        _tables = new SqlTableNames(options);
        _sql = new JournalSql(_tables);
        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        _lockWriters = $"SELECT pg_advisory_xact_lock({_tables.WriteLockKey})";
        // One statement per event: the data-modifying CTE inserts the tags with the ordering the
        // event just got, and the event's ordering is the statement's only row (none when the
        // deleted-events guard rejected it).
        _insertEvent = $"""
            WITH inserted AS (
            {_sql.InsertEvent}
            RETURNING ordering
            ), tagged AS (
                INSERT INTO {_tables.Tags} (ordering, tag) SELECT inserted.ordering, tag FROM inserted, unnest(@tags::text[]) AS tag
            )
            SELECT ordering FROM inserted
            """;
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        PostgresDatabase.ApplySchemaAsync(_dataSource, SqlSchema.PostgresJournal(_tables), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default) =>
        await GroupCommit.WriteAsync(writes, WriteInOneTransactionAsync, cancellationToken);

    private async ValueTask<long[][]> WriteInOneTransactionAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken)
    {
        var result = new long[writes.Count][];
        var events = new List<PersistentRepr>();
        for (var i = 0; i < writes.Count; i++)
        {
            result[i] = new long[writes[i].Events.Count];
            events.AddRange(writes[i].Events);
        }
        if (events.Count == 0) return result;

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(_lockWriters));
        foreach (var e in events)
        {
            var command = new NpgsqlBatchCommand(_insertEvent);
            foreach (var (name, value) in SqlParameters.EventValues(e)) command.Parameters.AddWithValue(name, value);
            command.Parameters.AddWithValue("tags", SqlParameters.DistinctTags(e));
            batch.BatchCommands.Add(command);
        }

        var orderings = new long[events.Count];
        var current = 0;
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            // The first result set is the lock's; each event's follows in order, and a statement's
            // error surfaces when the reader moves onto its result, so `current` names the culprit.
            for (; current < events.Count; current++)
            {
                await reader.NextResultAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken))
                    throw new DuplicateSequenceNumberException(events[current].PersistenceId, events[current].SequenceNr);
                orderings[current] = reader.GetInt64(0);
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresDatabase.UniqueViolation && e.ConstraintName == _tables.JournalUniqueConstraint)
        {
            // Prefer the statement Npgsql names (index 0 is the lock) when it does; it often does not.
            var index = e.BatchCommand is { } failed ? batch.BatchCommands.IndexOf(failed) - 1 : current;
            var culprit = events[Math.Clamp(index, 0, events.Count - 1)];
            throw new DuplicateSequenceNumberException(culprit.PersistenceId, culprit.SequenceNr, e);
        }
        // Not cancellable: once the commit is on its way its outcome must be reported, not abandoned.
        await transaction.CommitAsync(CancellationToken.None);

        var next = 0;
        foreach (var orderingsOfWrite in result)
        {
            for (var j = 0; j < orderingsOfWrite.Length; j++) orderingsOfWrite[j] = orderings[next++];
        }
        return result;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<PersistentRepr> ReplayAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        CancellationToken cancellationToken = default) =>
        QueryEvents(_sql.Replay, command =>
        {
            command.Parameters.AddWithValue("pid", persistenceId);
            command.Parameters.AddWithValue("from", fromSequenceNr);
            command.Parameters.AddWithValue("to", toSequenceNr);
            command.Parameters.AddWithValue("max", Math.Max(max, 0));
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<long> ReadHighestSequenceNrAsync(string persistenceId, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(_sql.HighestSequenceNr);
        command.Parameters.AddWithValue("pid", persistenceId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    /// <inheritdoc />
    public async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The writers' lock: the insert guard reads journal_metadata, and must not race this update.
        await using var command = new NpgsqlCommand(_lockWriters + ";\n" + _sql.DeleteMessagesTo, connection, transaction);
        command.Parameters.AddWithValue("pid", persistenceId);
        command.Parameters.AddWithValue("to", toSequenceNr);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<PersistentRepr> EventsByTagAsync(string tag, long fromOrderingExclusive, long toOrderingInclusive, int max,
        CancellationToken cancellationToken = default) =>
        QueryEvents(_sql.EventsByTag, command =>
        {
            command.Parameters.AddWithValue("tag", tag);
            BindRange(command, fromOrderingExclusive, toOrderingInclusive, max);
        }, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<PersistentRepr> AllEventsAsync(long fromOrderingExclusive, long toOrderingInclusive, int max,
        CancellationToken cancellationToken = default) =>
        QueryEvents(_sql.AllEvents, command => BindRange(command, fromOrderingExclusive, toOrderingInclusive, max), cancellationToken);

    private static void BindRange(NpgsqlCommand command, long fromExclusive, long toInclusive, int max)
    {
        command.Parameters.AddWithValue("from", fromExclusive);
        command.Parameters.AddWithValue("to", toInclusive);
        command.Parameters.AddWithValue("max", (long)Math.Max(max, 0));
    }

    // Streams straight from the server: Npgsql's reads are truly asynchronous, so no paging is needed.
    private async IAsyncEnumerable<PersistentRepr> QueryEvents(string sql, Action<NpgsqlCommand> bind,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(sql);
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new EventRowAccumulator();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (rows.Add(reader) is { } completed) yield return completed;
        }
        if (rows.Complete() is { } last) yield return last;
    }

    /// <inheritdoc />
    public async Task<long> HighestOrderingAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(_sql.HighestOrdering);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> PersistenceIdsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(_sql.PersistenceIds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) yield return reader.GetString(0);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
