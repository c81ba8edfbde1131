using Npgsql;
using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>The <c>postgresql</c> snapshot store, with its own pooled <see cref="NpgsqlDataSource"/>.</summary>
public sealed class PostgresSnapshotStorage : ISnapshotStorage
{
    private readonly SqlTableNames _tables;
    private readonly SnapshotSql _sql;
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _loadLatestMany;

    /// <summary>Creates the store and its connection pool; nothing is opened until the first call.</summary>
    public PostgresSnapshotStorage(SqlStorageOptions options)
    {
        _tables = new SqlTableNames(options);
        _sql = new SnapshotSql(_tables);
        _loadLatestMany = _sql.LoadLatestMany("ids AS (SELECT unnest(@pids::text[]) AS pid)");
        _dataSource = PostgresDatabase.CreateDataSource(options.ConnectionString);
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        PostgresDatabase.ApplySchemaAsync(_dataSource, SqlSchema.PostgresSnapshot(_tables), cancellationToken);

    /// <inheritdoc />
    public async Task SaveAsync(SnapshotRepr snapshot, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(_sql.Save);
        SnapshotSql.BindSnapshot(command, snapshot);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SnapshotRepr?> LoadAsync(string persistenceId, SnapshotCriteria criteria, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(_sql.Load);
        SnapshotSql.BindCriteria(command, persistenceId, criteria);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? SnapshotSql.Read(reader) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SnapshotRepr?>> LoadLatestManyAsync(IReadOnlyList<string> persistenceIds, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(_loadLatestMany);
        command.Parameters.AddWithValue("pids", persistenceIds.Distinct(StringComparer.Ordinal).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<SnapshotRepr>();
        while (await reader.ReadAsync(cancellationToken)) found.Add(SnapshotSql.Read(reader));
        return SnapshotSql.InIdOrder(persistenceIds, found);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string persistenceId, long sequenceNr, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(_sql.DeleteOne);
        command.Parameters.AddWithValue("pid", persistenceId);
        command.Parameters.AddWithValue("seq", sequenceNr);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string persistenceId, SnapshotCriteria criteria, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(_sql.DeleteMatching);
        SnapshotSql.BindCriteria(command, persistenceId, criteria);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
