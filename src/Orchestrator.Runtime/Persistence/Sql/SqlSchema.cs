namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>
/// The DDL of the SQL journal and snapshot store. Every statement is idempotent (<c>IF NOT EXISTS</c>),
/// and the storages run their part from <c>InitializeAsync</c>; a deployment that does not let the
/// application own its schema can instead apply <see cref="Sqlite"/> or <see cref="Postgres"/> as an
/// explicit migrate step (e.g. <c>psql -f</c>) and still call InitializeAsync, which then changes nothing.
/// </summary>
/// <remarks>
/// Tables (names prefixed with <see cref="SqlStorageOptions.TablePrefix"/>):
/// <list type="bullet">
/// <item><c>journal</c>: one row per event; <c>ordering</c> is the journal-wide position (never reused,
/// never decreasing), UNIQUE (persistence_id, sequence_nr) catches two writers of one entity.
/// <c>deleted</c> is honoured by every read but this storage deletes physically; it stays for tools that
/// prefer marking rows.</item>
/// <item><c>journal_tags</c>: (tag, ordering) primary key, so EventsByTag is an index range scan instead
/// of a LIKE over a text column; a second index on ordering finds an event's tags.</item>
/// <item><c>journal_metadata</c>: per persistence id the highest sequence number, the deleted-to mark
/// and the highest ordering, written by DeleteMessagesTo only, so physical deletes never make the
/// highest sequence number or HighestOrdering go back, and a deleted sequence number cannot be
/// written a second time.</item>
/// <item><c>snapshot</c>: keyed (persistence_id, sequence_nr).</item>
/// </list>
/// </remarks>
public static class SqlSchema
{
    /// <summary>The complete SQLite script (journal and snapshot tables) for <paramref name="options"/>.</summary>
    public static string Sqlite(SqlStorageOptions options)
    {
        var names = new SqlTableNames(options);
        return SqliteJournal(names) + SqliteSnapshot(names);
    }

    /// <summary>The complete PostgreSQL script (schema, journal and snapshot tables) for <paramref name="options"/>.</summary>
    public static string Postgres(SqlStorageOptions options)
    {
        var names = new SqlTableNames(options);
        return PostgresJournal(names) + PostgresSnapshot(names);
    }

    internal static string SqliteJournal(SqlTableNames t) => $"""
        CREATE TABLE IF NOT EXISTS {t.Journal} (
            ordering INTEGER PRIMARY KEY AUTOINCREMENT,
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            payload BLOB NOT NULL,
            timestamp INTEGER NOT NULL,
            writer_id TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0,
            CONSTRAINT {t.Quoted("journal_persistence_id_sequence_nr_key")} UNIQUE (persistence_id, sequence_nr)
        );
        CREATE TABLE IF NOT EXISTS {t.Tags} (
            ordering INTEGER NOT NULL,
            tag TEXT NOT NULL,
            PRIMARY KEY (tag, ordering)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS {t.Quoted("journal_tags_ordering_idx")} ON {t.Tags} (ordering);
        CREATE TABLE IF NOT EXISTS {t.Metadata} (
            persistence_id TEXT NOT NULL PRIMARY KEY,
            max_sequence_nr INTEGER NOT NULL,
            deleted_to INTEGER NOT NULL,
            max_ordering INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS {t.Quoted("journal_metadata_max_ordering_idx")} ON {t.Metadata} (max_ordering);

        """;

    internal static string SqliteSnapshot(SqlTableNames t) => $"""
        CREATE TABLE IF NOT EXISTS {t.Snapshot} (
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            timestamp INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr)
        );

        """;

    internal static string PostgresJournal(SqlTableNames t) => $"""
        {PostgresSchema(t)}
        CREATE TABLE IF NOT EXISTS {t.Journal} (
            ordering BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            persistence_id TEXT NOT NULL,
            sequence_nr BIGINT NOT NULL,
            manifest TEXT NOT NULL,
            payload BYTEA NOT NULL,
            timestamp BIGINT NOT NULL,
            writer_id TEXT NOT NULL,
            deleted BOOLEAN NOT NULL DEFAULT FALSE,
            CONSTRAINT {t.Quoted("journal_persistence_id_sequence_nr_key")} UNIQUE (persistence_id, sequence_nr)
        );
        CREATE TABLE IF NOT EXISTS {t.Tags} (
            ordering BIGINT NOT NULL,
            tag TEXT NOT NULL,
            PRIMARY KEY (tag, ordering)
        );
        CREATE INDEX IF NOT EXISTS {t.Quoted("journal_tags_ordering_idx")} ON {t.Tags} (ordering);
        CREATE TABLE IF NOT EXISTS {t.Metadata} (
            persistence_id TEXT NOT NULL PRIMARY KEY,
            max_sequence_nr BIGINT NOT NULL,
            deleted_to BIGINT NOT NULL,
            max_ordering BIGINT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS {t.Quoted("journal_metadata_max_ordering_idx")} ON {t.Metadata} (max_ordering);

        """;

    internal static string PostgresSnapshot(SqlTableNames t) => $"""
        {PostgresSchema(t)}
        CREATE TABLE IF NOT EXISTS {t.Snapshot} (
            persistence_id TEXT NOT NULL,
            sequence_nr BIGINT NOT NULL,
            timestamp BIGINT NOT NULL,
            manifest TEXT NOT NULL,
            payload BYTEA NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr)
        );

        """;

    private static string PostgresSchema(SqlTableNames t) =>
        t.Schema is null ? "" : $"CREATE SCHEMA IF NOT EXISTS \"{t.Schema}\";";
}
