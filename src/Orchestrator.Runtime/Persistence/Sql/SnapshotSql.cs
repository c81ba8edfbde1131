using System.Data.Common;
using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>The snapshot store's statements, identical on SQLite and PostgreSQL, and their binding.</summary>
internal sealed class SnapshotSql
{
    private const string Matching =
        "persistence_id = @pid AND sequence_nr >= @min_seq AND sequence_nr <= @max_seq AND timestamp >= @min_ts AND timestamp <= @max_ts";

    private readonly SqlTableNames _tables;

    public SnapshotSql(SqlTableNames t)
    {
        _tables = t;
        Save = $"""
            INSERT INTO {t.Snapshot} (persistence_id, sequence_nr, timestamp, manifest, payload)
            VALUES (@pid, @seq, @timestamp, @manifest, @payload)
            ON CONFLICT (persistence_id, sequence_nr) DO UPDATE SET
                timestamp = excluded.timestamp, manifest = excluded.manifest, payload = excluded.payload
            """;
        Load = $"""
            SELECT persistence_id, sequence_nr, timestamp, manifest, payload FROM {t.Snapshot}
            WHERE {Matching} ORDER BY sequence_nr DESC LIMIT 1
            """;
        DeleteOne = $"DELETE FROM {t.Snapshot} WHERE persistence_id = @pid AND sequence_nr = @seq";
        DeleteMatching = $"DELETE FROM {t.Snapshot} WHERE {Matching}";
    }

    /// <summary>Upsert of one snapshot.</summary>
    public string Save { get; }

    /// <summary>The newest snapshot matching the criteria.</summary>
    public string Load { get; }

    /// <summary>
    /// The latest snapshot of each id of <paramref name="idsCte"/> (a backend's way to turn its parameter into
    /// a table <c>ids(pid)</c>); ids without a snapshot have no row.
    /// </summary>
    public string LoadLatestMany(string idsCte) => $"""
        WITH {idsCte}
        SELECT s.persistence_id, s.sequence_nr, s.timestamp, s.manifest, s.payload FROM {_tables.Snapshot} s
        JOIN (SELECT persistence_id, MAX(sequence_nr) AS newest FROM {_tables.Snapshot}
              WHERE persistence_id IN (SELECT pid FROM ids) GROUP BY persistence_id) n
          ON s.persistence_id = n.persistence_id AND s.sequence_nr = n.newest
        """;

    /// <summary>Places the rows of <see cref="LoadLatestMany"/> in the order of <paramref name="persistenceIds"/>.</summary>
    public static IReadOnlyList<SnapshotRepr?> InIdOrder(IReadOnlyList<string> persistenceIds, IEnumerable<SnapshotRepr> found)
    {
        var byId = found.ToDictionary(s => s.PersistenceId, StringComparer.Ordinal);
        return persistenceIds.Select(id => byId.GetValueOrDefault(id)).ToList();
    }

    /// <summary>@pid, @seq.</summary>
    public string DeleteOne { get; }

    /// <summary>Every snapshot matching the criteria.</summary>
    public string DeleteMatching { get; }

    public static void BindSnapshot(DbCommand command, SnapshotRepr snapshot)
    {
        SqlParameters.Add(command, "pid", snapshot.PersistenceId);
        SqlParameters.Add(command, "seq", snapshot.SequenceNr);
        SqlParameters.Add(command, "timestamp", snapshot.Timestamp);
        SqlParameters.Add(command, "manifest", snapshot.Manifest);
        SqlParameters.Add(command, "payload", snapshot.Payload);
    }

    public static void BindCriteria(DbCommand command, string persistenceId, SnapshotCriteria criteria)
    {
        SqlParameters.Add(command, "pid", persistenceId);
        SqlParameters.Add(command, "min_seq", criteria.MinSequenceNr);
        SqlParameters.Add(command, "max_seq", criteria.MaxSequenceNr);
        SqlParameters.Add(command, "min_ts", criteria.MinTimestamp);
        SqlParameters.Add(command, "max_ts", criteria.MaxTimestamp);
    }

    public static SnapshotRepr Read(DbDataReader row) => new(
        row.GetString(0), row.GetInt64(1), row.GetInt64(2), row.GetString(3), row.GetFieldValue<byte[]>(4));
}
