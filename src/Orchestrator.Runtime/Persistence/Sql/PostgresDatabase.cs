using Npgsql;

namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>PostgreSQL pieces the journal and the snapshot store share.</summary>
internal static class PostgresDatabase
{
    /// <summary>Unique violation.</summary>
    public const string UniqueViolation = "23505";

    // One key for every schema change, whatever the prefix: CREATE ... IF NOT EXISTS is not safe
    // against a concurrent CREATE of the same object (it can fail on the catalog's unique index).
    private const long SchemaLockKey = 0x4f72636853636865; // "OrchSche"

    /// <summary>
    /// A connection pool for <paramref name="connectionString"/>. Statements are prepared automatically
    /// after their second use (unless the connection string sets <c>Max Auto Prepare</c> itself): replays,
    /// snapshot loads and sequence-number reads run once per recovering entity, and parsing and planning
    /// each of them again costs the server more than running it.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0) builder.MaxAutoPrepare = 32;
        return NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>Runs <paramref name="ddl"/> in one transaction, serialized with every other process's schema changes.</summary>
    public static async Task ApplySchemaAsync(NpgsqlDataSource dataSource, string ddl, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLockKey})", connection, transaction))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(ddl, connection, transaction))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
