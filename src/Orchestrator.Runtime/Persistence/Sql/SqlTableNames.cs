using System.Text;

namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>
/// The quoted (and, for PostgreSQL, schema-qualified) names of one journal's tables, computed once
/// from <see cref="SqlStorageOptions"/>. Quoting keeps the prefix's case on PostgreSQL, which would
/// otherwise fold it to lower case.
/// </summary>
internal sealed class SqlTableNames
{
    public SqlTableNames(SqlStorageOptions options)
    {
        options.Validate();
        Prefix = options.TablePrefix;
        Schema = options.Schema;
        Journal = Qualify("journal");
        Tags = Qualify("journal_tags");
        Metadata = Qualify("journal_metadata");
        Snapshot = Qualify("snapshot");
        JournalUniqueConstraint = Prefix + "journal_persistence_id_sequence_nr_key";
        WriteLockKey = StableKey(Journal);
    }

    /// <summary>The validated table prefix.</summary>
    public string Prefix { get; }

    /// <summary>The PostgreSQL schema, or null.</summary>
    public string? Schema { get; }

    /// <summary>The events.</summary>
    public string Journal { get; }

    /// <summary>(tag, ordering) pairs: the EventsByTag index.</summary>
    public string Tags { get; }

    /// <summary>Per persistence id: the highest sequence number and how far events were deleted.</summary>
    public string Metadata { get; }

    /// <summary>The snapshots.</summary>
    public string Snapshot { get; }

    /// <summary>Unquoted name of the (persistence_id, sequence_nr) constraint, compared with PostgreSQL error details.</summary>
    public string JournalUniqueConstraint { get; }

    /// <summary>
    /// The PostgreSQL advisory-lock key that serializes writers of this journal. Derived from the
    /// qualified table name (not one constant for everything) so journals isolated by prefix or schema
    /// do not queue behind each other; every process computes the same value for the same tables.
    /// </summary>
    public long WriteLockKey { get; }

    /// <summary>A quoted name for an index or constraint owned by these tables.</summary>
    public string Quoted(string suffix) => Quote(Prefix + suffix);

    private string Qualify(string table) =>
        Schema is null ? Quote(Prefix + table) : $"{Quote(Schema)}.{Quote(Prefix + table)}";

    private static string Quote(string identifier) => "\"" + identifier + "\"";

    // FNV-1a: string.GetHashCode is randomized per process, and the key must agree across processes.
    private static long StableKey(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("orchestrator-journal-write:" + text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return unchecked((long)hash);
    }
}
