using System.Text.RegularExpressions;

namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>
/// Where a SQL journal or snapshot store keeps its data. No global state: every storage instance
/// gets its own options, so two instances with different prefixes never see each other's tables.
/// </summary>
/// <param name="ConnectionString">
/// SQLite: a Microsoft.Data.Sqlite connection string such as <c>Data Source=/var/lib/orchestrator/journal.db</c>
/// (the directory is created on first use; <c>Default Timeout</c>, in seconds, also becomes SQLite's busy timeout).
/// PostgreSQL: an Npgsql connection string; pooling settings in it apply to the storage's own data source.
/// </param>
/// <param name="TablePrefix">
/// Prepended to every table, index and constraint name (<c>journal</c>, <c>journal_tags</c>,
/// <c>journal_metadata</c>, <c>snapshot</c>); letters, digits and underscores only. Tests use a unique
/// prefix per test class to isolate themselves.
/// </param>
/// <param name="Schema">PostgreSQL only: the schema holding the tables (created when missing); null for the search path.</param>
public sealed partial record SqlStorageOptions(string ConnectionString, string TablePrefix = "", string? Schema = null)
{
    /// <summary>Throws when a name would need escaping: identifiers are spliced into SQL text.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            throw new ArgumentException("SqlStorageOptions.ConnectionString must not be empty.", nameof(ConnectionString));
        if (!IdentifierPart().IsMatch(TablePrefix))
            throw new ArgumentException($"Table prefix '{TablePrefix}' may contain only letters, digits and underscores.", nameof(TablePrefix));
        // PostgreSQL silently truncates identifiers beyond 63 bytes; the longest suffix is 33 characters,
        // and a truncated constraint name would no longer be recognised in duplicate-key errors.
        if (TablePrefix.Length > MaxTablePrefixLength)
            throw new ArgumentException($"Table prefix '{TablePrefix}' is longer than {MaxTablePrefixLength} characters.", nameof(TablePrefix));
        if (Schema is not null && (Schema.Length == 0 || !IdentifierPart().IsMatch(Schema) || char.IsDigit(Schema[0])))
            throw new ArgumentException($"Schema '{Schema}' must be a plain identifier (letters, digits, underscores).", nameof(Schema));
    }

    /// <summary>The longest accepted <see cref="TablePrefix"/>.</summary>
    public const int MaxTablePrefixLength = 30;

    [GeneratedRegex("^[A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPart();
}
