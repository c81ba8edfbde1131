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
/// <para>Group commit: a batch is one transaction of two round trips: the write lock and one set-based
/// statement for all its events (columns sent as arrays, unnested server-side, events and tags inserted
/// and the orderings returned), then the commit. Compared with one statement per event this cuts
/// both sides: the server runs one prepared plan (prepared once per pooled connection) instead of
/// parsing and planning hundreds of statements, and the client binds eight arrays instead of hundreds
/// of parameter sets. A batch of a single event is no slower than the old single-statement insert.
/// A write whose sequence numbers are all taken (stored, deleted, or earlier in the batch) inserts no row
/// and is refused alone while the rest of the batch commits; a write taken only in part rolls the batch
/// back, and the group-commit policy retries its writes one by one.</para>
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
    private readonly string _insertEvents;
    private readonly string _findTaken;
    private readonly string _recoverMany;

    /// <summary>Creates the storage and its connection pool; nothing is opened until the first call.</summary>
    public PostgresJournalStorage(SqlStorageOptions options)
    {
        _tables = new SqlTableNames(options);
        _sql = new JournalSql(_tables);
        _dataSource = PostgresDatabase.CreateDataSource(options.ConnectionString);
        _lockWriters = $"SELECT pg_advisory_xact_lock({_tables.WriteLockKey})";
        _recoverMany = _sql.RecoverMany("r AS (SELECT * FROM unnest(@pids::text[], @froms::bigint[]) AS q(pid, from_seq))");
        // The whole batch in one statement. `input` numbers the events 1..n in batch order; the insert
        // draws orderings in that order (nextval runs above the sort); events at or below their id's
        // deleted-to mark are skipped (see JournalSql.InsertEvent), and so are events whose (persistence id,
        // sequence number) is stored already or inserted earlier in the same statement (ON CONFLICT). Each
        // inserted row is matched back to its event by (persistence_id, sequence_nr) (the first event of that
        // pair), and that event number is how the tags find their ordering and how the caller places each
        // ordering, whatever order RETURNING produced. A skipped event simply has no row in the result.
        _insertEvents = $"""
            WITH input AS (
                SELECT * FROM unnest(@pids::text[], @seqs::bigint[], @manifests::text[], @payloads::bytea[], @timestamps::bigint[], @writers::text[])
                    WITH ORDINALITY AS e(persistence_id, sequence_nr, manifest, payload, timestamp, writer_id, event)
            ), inserted AS (
                INSERT INTO {_tables.Journal} (persistence_id, sequence_nr, manifest, payload, timestamp, writer_id)
                SELECT persistence_id, sequence_nr, manifest, payload, timestamp, writer_id FROM input
                WHERE NOT EXISTS (SELECT 1 FROM {_tables.Metadata} m WHERE m.persistence_id = input.persistence_id AND m.deleted_to >= input.sequence_nr)
                ORDER BY event
                ON CONFLICT (persistence_id, sequence_nr) DO NOTHING
                RETURNING ordering, persistence_id, sequence_nr
            ), numbered AS (
                -- An id and sequence number repeated in the batch: only its first event was inserted.
                SELECT DISTINCT ON (input.persistence_id, input.sequence_nr) input.event, inserted.ordering
                FROM inserted JOIN input USING (persistence_id, sequence_nr)
                ORDER BY input.persistence_id, input.sequence_nr, input.event
            ), tagged AS (
                INSERT INTO {_tables.Tags} (ordering, tag)
                SELECT numbered.ordering, t.tag FROM unnest(@tag_events::bigint[], @tags::text[]) AS t(event, tag) JOIN numbered USING (event)
            )
            SELECT event, ordering FROM numbered
            """;
        // After a rejected write: its lowest sequence number that is taken (stored, or deleted).
        _findTaken = $"""
            SELECT s.seq FROM unnest(@seqs::bigint[]) AS s(seq)
            WHERE EXISTS (SELECT 1 FROM {_tables.Journal} j WHERE j.persistence_id = @pid AND j.sequence_nr = s.seq)
               OR EXISTS (SELECT 1 FROM {_tables.Metadata} m WHERE m.persistence_id = @pid AND m.deleted_to >= s.seq)
            ORDER BY s.seq LIMIT 1
            """;
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        PostgresDatabase.ApplySchemaAsync(_dataSource, SqlSchema.PostgresJournal(_tables), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<WriteResult>> WriteAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default) =>
        await GroupCommit.WriteAsync(writes, WriteInOneTransactionAsync, cancellationToken);

    private async ValueTask<WriteResult[]> WriteInOneTransactionAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken)
    {
        var columns = new PostgresEventColumns(writes);
        if (columns.Count == 0) return columns.Results(writes, []);

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        PostgresException? duplicate;
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            (var orderings, duplicate) = await InsertAsync(connection, transaction, columns, cancellationToken);
            if (orderings is not null)
            {
                // Not cancellable: once the commit is on its way its outcome must be reported, not abandoned.
                await transaction.CommitAsync(CancellationToken.None);
                return columns.Results(writes, orderings);
            }
        }
        // Rolled back (disposing the transaction did it): nothing of the batch is stored.
        throw await DuplicateAsync(connection, writes, duplicate, cancellationToken);
    }

    /// <summary>
    /// Runs the write lock and the batch's insert in one round trip (Npgsql sends BEGIN with them).
    /// Returns the orderings in batch order (0 for the events of a write refused whole), or null orderings
    /// when a write is taken only in part (the batch must roll back), or a unique violation (the cause).
    /// </summary>
    private async Task<(long[]? Orderings, PostgresException? Duplicate)> InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, PostgresEventColumns columns, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(_lockWriters));
        var insert = new NpgsqlBatchCommand(_insertEvents);
        columns.Bind(insert.Parameters);
        batch.BatchCommands.Add(insert);

        var orderings = new long[columns.Count];
        var inserted = 0;
        try
        {
            await batch.PrepareAsync(cancellationToken);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            // The lock's result set comes first; the insert's error, if any, surfaces when moving past it.
            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                orderings[reader.GetInt64(0) - 1] = reader.GetInt64(1);
                inserted++;
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresDatabase.UniqueViolation && e.ConstraintName == _tables.JournalUniqueConstraint)
        {
            return (null, e);
        }
        if (inserted < columns.Count && columns.AnyWriteTakenInPart(orderings)) return (null, null);
        // The statement draws orderings in batch order; should a future planner not, fail (and roll
        // back) rather than hand out orderings that run backwards within one persistence id.
        var previous = 0L;
        foreach (var ordering in orderings)
        {
            if (ordering == 0) continue;
            if (ordering <= previous)
                throw new InvalidOperationException($"The journal insert assigned orderings out of batch order ({previous} before {ordering}); nothing was written.");
            previous = ordering;
        }
        return (orderings, null);
    }

    /// <summary>
    /// The exception for a rejected batch. Only a lone write's culprit matters (for a larger batch the
    /// group-commit policy retries each write alone), so only then is the taken sequence number looked up.
    /// </summary>
    private async Task<DuplicateSequenceNumberException> DuplicateAsync(
        NpgsqlConnection connection, IReadOnlyList<AtomicWrite> writes, PostgresException? cause, CancellationToken cancellationToken)
    {
        var first = writes[0].Events[0];
        if (writes.Count > 1) return new DuplicateSequenceNumberException(first.PersistenceId, first.SequenceNr, cause);
        await using var command = new NpgsqlCommand(_findTaken, connection);
        command.Parameters.Add(new NpgsqlParameter<string>("pid", first.PersistenceId));
        command.Parameters.Add(new NpgsqlParameter<long[]>("seqs", [.. writes[0].Events.Select(e => e.SequenceNr)]));
        var taken = await command.ExecuteScalarAsync(cancellationToken);
        // None found: the write collided with itself (one sequence number twice); name its first event.
        return new DuplicateSequenceNumberException(first.PersistenceId, taken is long seq ? seq : first.SequenceNr, cause);
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
    public async Task<IReadOnlyList<RecoveredEvents>> RecoverManyAsync(IReadOnlyList<RecoveryQuery> queries, CancellationToken cancellationToken = default)
    {
        var ids = JournalSql.DistinctIds(queries);
        await using var command = _dataSource.CreateCommand(_recoverMany);
        command.Parameters.AddWithValue("pids", ids.Select(q => q.PersistenceId).ToArray());
        command.Parameters.AddWithValue("froms", ids.Select(q => q.FromSequenceNr).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var folder = new RecoveryRowFolder();
        while (await reader.ReadAsync(cancellationToken)) folder.AddEventRow(reader);
        if (!await reader.NextResultAsync(cancellationToken)) throw new InvalidOperationException("The recovery query returned one result set of two.");
        while (await reader.ReadAsync(cancellationToken)) folder.AddHighestRow(reader);
        return folder.Results(queries);
    }

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
