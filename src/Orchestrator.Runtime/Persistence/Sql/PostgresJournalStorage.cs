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
/// <para>Group commit: a batch is one round trip: the write lock and one set-based statement for all its
/// events (columns sent as arrays, unnested server-side, events and tags inserted and the orderings
/// returned), sent as one Npgsql batch without an explicit transaction, so PostgreSQL runs it as one
/// implicit transaction that commits when the batch ends (and rolls back whole if a statement fails).
/// Compared with one statement per event this cuts both sides: the server runs one prepared plan
/// instead of parsing and planning hundreds of statements, and the client binds nine arrays instead of
/// hundreds of parameter sets. A write whose sequence numbers are taken (stored, deleted, or earlier in
/// the same batch) is left out whole by the statement itself, which reports it; the rest commits.</para>
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
        // The whole batch in one statement. `input` numbers the events 1..n in batch order and carries each
        // event's write number; `taken` finds the writes that must be refused (an event whose sequence number is
        // stored, deleted, or repeated earlier in the batch) with their lowest taken sequence number; the insert
        // draws orderings in batch order (nextval runs above the sort) for the other writes' events. Each inserted
        // row is matched back to its event by (persistence_id, sequence_nr), unique among the inserted rows, and
        // that event number is how the tags find their ordering and how the caller places each ordering,
        // whatever order RETURNING produced. Result rows: (0, event, ordering) per inserted event, then
        // (1, write, lowest taken sequence number) per refused write.
        _insertEvents = $"""
            WITH input AS (
                SELECT * FROM unnest(@pids::text[], @seqs::bigint[], @manifests::text[], @payloads::bytea[], @timestamps::bigint[], @writers::text[], @writes::int[])
                    WITH ORDINALITY AS e(persistence_id, sequence_nr, manifest, payload, timestamp, writer_id, write_nr, event)
            ), taken AS (
                SELECT write_nr, min(sequence_nr) AS sequence_nr FROM (
                    SELECT input.*, row_number() OVER (PARTITION BY persistence_id, sequence_nr ORDER BY event) AS nth FROM input
                ) i
                WHERE nth > 1
                   OR EXISTS (SELECT 1 FROM {_tables.Journal} j WHERE j.persistence_id = i.persistence_id AND j.sequence_nr = i.sequence_nr)
                   OR EXISTS (SELECT 1 FROM {_tables.Metadata} m WHERE m.persistence_id = i.persistence_id AND m.deleted_to >= i.sequence_nr)
                GROUP BY write_nr
            ), inserted AS (
                INSERT INTO {_tables.Journal} (persistence_id, sequence_nr, manifest, payload, timestamp, writer_id)
                SELECT persistence_id, sequence_nr, manifest, payload, timestamp, writer_id FROM input
                WHERE input.write_nr NOT IN (SELECT write_nr FROM taken)
                ORDER BY event
                RETURNING ordering, persistence_id, sequence_nr
            ), numbered AS (
                SELECT input.event, inserted.ordering FROM inserted JOIN input USING (persistence_id, sequence_nr)
                WHERE input.write_nr NOT IN (SELECT write_nr FROM taken)
            ), tagged AS (
                INSERT INTO {_tables.Tags} (ordering, tag)
                SELECT numbered.ordering, t.tag FROM unnest(@tag_events::bigint[], @tags::text[]) AS t(event, tag) JOIN numbered USING (event)
            )
            SELECT 0, event, ordering FROM numbered
            UNION ALL
            SELECT 1, write_nr, sequence_nr FROM taken
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
        var orderings = new long[columns.Count];
        var refused = new Dictionary<int, long>();
        PostgresException? duplicate = null;
        // One implicit transaction: no BEGIN, the lock and the insert in one batch, committed when it ends.
        await using (var batch = new NpgsqlBatch(connection))
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(_lockWriters));
            var insert = new NpgsqlBatchCommand(_insertEvents);
            columns.Bind(insert.Parameters);
            batch.BatchCommands.Add(insert);
            try
            {
                await batch.PrepareAsync(cancellationToken);
                // Not cancellable once sent: the commit's outcome must be reported, not abandoned.
                await using var reader = await batch.ExecuteReaderAsync(CancellationToken.None);
                // The lock's result set comes first; the insert's error, if any, surfaces when moving past it.
                await reader.NextResultAsync(CancellationToken.None);
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    if (reader.GetInt32(0) == 0) orderings[reader.GetInt64(1) - 1] = reader.GetInt64(2);
                    else refused[(int)reader.GetInt64(1) - 1] = reader.GetInt64(2);
                }
                // To the end of the batch: the commit happens there, and an error of the commit surfaces there.
                while (await reader.NextResultAsync(CancellationToken.None)) { }
            }
            catch (PostgresException e) when (e.SqlState == PostgresDatabase.UniqueViolation && e.ConstraintName == _tables.JournalUniqueConstraint)
            {
                duplicate = e;
            }
        }
        // Rolled back whole (the implicit transaction failed): nothing of the batch is stored.
        if (duplicate is not null) throw await DuplicateAsync(connection, writes, duplicate, cancellationToken);
        return columns.Results(writes, orderings, refused);
    }

    /// <summary>
    /// The exception for a batch rolled back on a unique violation the statement did not foresee (only a write
    /// racing a writer that ignores the lock could cause one). Only a lone write's culprit matters (for a larger
    /// batch the group-commit policy retries each write alone), so only then is the taken sequence number looked up.
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
