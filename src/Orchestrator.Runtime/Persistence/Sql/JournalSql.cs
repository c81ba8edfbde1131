namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>
/// The journal's statements. Everything but the schema and the event insert is the same text on
/// SQLite and PostgreSQL (portable CASE instead of GREATEST/MIN, named parameters both drivers
/// understand), so both backends build their commands from here.
/// </summary>
/// <remarks>
/// Event queries return one row per (event, tag) via a LEFT JOIN on journal_tags and are read with
/// <see cref="EventRowAccumulator"/>; the LIMIT sits in a sub-select so it counts events, not tag rows.
/// </remarks>
internal sealed class JournalSql
{
    private const string EventColumns = "ordering, persistence_id, sequence_nr, manifest, payload, timestamp, writer_id";

    private readonly SqlTableNames _tables;

    public JournalSql(SqlTableNames t)
    {
        // The NOT EXISTS guard rejects sequence numbers already deleted (rows physically gone, so the
        // unique constraint cannot see them): without it a stale writer could re-write event 3 after
        // events 1..5 were deleted. It returns no row instead of failing; callers treat that as a duplicate.
        InsertEvent = $"""
            INSERT INTO {t.Journal} (persistence_id, sequence_nr, manifest, payload, timestamp, writer_id)
            SELECT @pid, @seq, @manifest, @payload, @timestamp, @writer
            WHERE NOT EXISTS (SELECT 1 FROM {t.Metadata} WHERE persistence_id = @pid AND deleted_to >= @seq)
            """;

        InsertTag = $"INSERT INTO {t.Tags} (ordering, tag) VALUES (@ordering, @tag)";

        Replay = WithTags(t, $"""
            SELECT {EventColumns} FROM {t.Journal}
            WHERE persistence_id = @pid AND sequence_nr >= @from AND sequence_nr <= @to AND NOT deleted
            ORDER BY sequence_nr LIMIT @max
            """, "e.sequence_nr");

        EventsByTag = WithTags(t, $"""
            SELECT {Prefixed("j")} FROM {t.Tags} g JOIN {t.Journal} j ON j.ordering = g.ordering
            WHERE g.tag = @tag AND g.ordering > @from AND g.ordering <= @to AND NOT j.deleted
            ORDER BY g.ordering LIMIT @max
            """, "e.ordering");

        AllEvents = WithTags(t, $"""
            SELECT {EventColumns} FROM {t.Journal}
            WHERE ordering > @from AND ordering <= @to AND NOT deleted
            ORDER BY ordering LIMIT @max
            """, "e.ordering");

        // Rows may be physically deleted, so the metadata row carries the highest number past them.
        HighestSequenceNr = $"""
            SELECT COALESCE(MAX(s), 0) FROM (
                SELECT MAX(sequence_nr) AS s FROM {t.Journal} WHERE persistence_id = @pid
                UNION ALL
                SELECT max_sequence_nr AS s FROM {t.Metadata} WHERE persistence_id = @pid
            ) highest
            """;

        // Records the highest sequence number, the highest ordering and the deleted-to mark (never
        // beyond the highest existing event, so deleting "to long.MaxValue" does not block future
        // events), then removes the rows. Three statements, one command, inside the caller's write
        // transaction.
        DeleteMessagesTo = $"""
            INSERT INTO {t.Metadata} AS m (persistence_id, max_sequence_nr, deleted_to, max_ordering)
            SELECT persistence_id, MAX(sequence_nr), CASE WHEN MAX(sequence_nr) < @to THEN MAX(sequence_nr) ELSE @to END, MAX(ordering)
            FROM {t.Journal} WHERE persistence_id = @pid GROUP BY persistence_id
            ON CONFLICT (persistence_id) DO UPDATE SET
                max_sequence_nr = CASE WHEN excluded.max_sequence_nr > m.max_sequence_nr THEN excluded.max_sequence_nr ELSE m.max_sequence_nr END,
                deleted_to = CASE WHEN excluded.deleted_to > m.deleted_to THEN excluded.deleted_to ELSE m.deleted_to END,
                max_ordering = CASE WHEN excluded.max_ordering > m.max_ordering THEN excluded.max_ordering ELSE m.max_ordering END;
            DELETE FROM {t.Tags} WHERE ordering IN (
                SELECT ordering FROM {t.Journal} WHERE persistence_id = @pid AND sequence_nr <= @to);
            DELETE FROM {t.Journal} WHERE persistence_id = @pid AND sequence_nr <= @to;
            """;

        // Deleting the newest events must not make the highest ordering (a resourceVersion) go back,
        // so orderings of deleted events count through journal_metadata; both MAXes are index lookups.
        HighestOrdering = $"""
            SELECT COALESCE(MAX(o), 0) FROM (
                SELECT MAX(ordering) AS o FROM {t.Journal}
                UNION ALL
                SELECT MAX(max_ordering) AS o FROM {t.Metadata}
            ) highest
            """;

        _tables = t;

        // Ids whose events were all deleted still count (as in the memory journal): they have a history.
        PersistenceIds = $"SELECT persistence_id FROM {t.Journal} UNION SELECT persistence_id FROM {t.Metadata}";
    }

    /// <summary>
    /// Two statements for <see cref="Storage.IJournalStorage.RecoverManyAsync"/>, each starting with
    /// <paramref name="queriesCte"/> (a backend's way to turn its parameters into a table
    /// <c>r(pid, from_seq)</c>): the events of every id from its from_seq on (rows as in the other event
    /// queries, ordered by id and sequence number), then one row per id with its highest sequence number
    /// from the journal and from the metadata (rows may have been deleted).
    /// </summary>
    public string RecoverMany(string queriesCte) => $"""
        WITH {queriesCte}
        SELECT {Prefixed("e")}, t.tag FROM r
        JOIN {_tables.Journal} e ON e.persistence_id = r.pid AND e.sequence_nr >= r.from_seq AND NOT e.deleted
        LEFT JOIN {_tables.Tags} t ON t.ordering = e.ordering
        ORDER BY e.persistence_id, e.sequence_nr, t.tag;
        WITH {queriesCte}
        SELECT r.pid,
            COALESCE((SELECT MAX(sequence_nr) FROM {_tables.Journal} WHERE persistence_id = r.pid), 0),
            COALESCE((SELECT max_sequence_nr FROM {_tables.Metadata} WHERE persistence_id = r.pid), 0)
        FROM r;
        """;

    /// <summary>Each id once, with the lowest from-sequence-number asked for it (the rows are split per query afterwards).</summary>
    public static IReadOnlyList<Storage.RecoveryQuery> DistinctIds(IReadOnlyList<Storage.RecoveryQuery> queries)
    {
        var lowest = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var q in queries)
            lowest[q.PersistenceId] = lowest.TryGetValue(q.PersistenceId, out var from) ? Math.Min(from, q.FromSequenceNr) : q.FromSequenceNr;
        return lowest.Select(p => new Storage.RecoveryQuery(p.Key, p.Value)).ToList();
    }

    /// <summary>Inserts one event (no RETURNING: each backend adds its own tail).</summary>
    public string InsertEvent { get; }

    /// <summary>Inserts one (ordering, tag) pair.</summary>
    public string InsertTag { get; }

    /// <summary>@pid, @from, @to (sequence numbers, inclusive), @max.</summary>
    public string Replay { get; }

    /// <summary>@tag, @from (exclusive), @to (inclusive), @max.</summary>
    public string EventsByTag { get; }

    /// <summary>@from (exclusive), @to (inclusive), @max.</summary>
    public string AllEvents { get; }

    /// <summary>@pid.</summary>
    public string HighestSequenceNr { get; }

    /// <summary>@pid, @to.</summary>
    public string DeleteMessagesTo { get; }

    /// <summary>No parameters.</summary>
    public string HighestOrdering { get; }

    /// <summary>No parameters.</summary>
    public string PersistenceIds { get; }

    private static string Prefixed(string alias) =>
        string.Join(", ", EventColumns.Split(", ").Select(c => alias + "." + c));

    private static string WithTags(SqlTableNames t, string limitedEvents, string order) => $"""
        SELECT {Prefixed("e")}, t.tag FROM (
        {limitedEvents}
        ) e
        LEFT JOIN {t.Tags} t ON t.ordering = e.ordering
        ORDER BY {order}, t.tag
        """;
}
