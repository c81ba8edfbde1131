using Microsoft.Data.Sqlite;
using Orchestrator.Runtime.Persistence.Storage;

namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>
/// The <c>sqlite</c> snapshot store. Same threading as <see cref="SqliteJournalStorage"/> (its own
/// writer and reader threads); it may share the journal's file, SQLite's write lock and busy timeout
/// arbitrate between the two writers.
/// </summary>
public sealed class SqliteSnapshotStorage : ISnapshotStorage
{
    private readonly SqlTableNames _tables;
    private readonly SnapshotSql _sql;
    private readonly SqliteDatabase _database;
    private readonly string _loadLatestMany;

    /// <summary>Creates the store; nothing is opened until the first call.</summary>
    public SqliteSnapshotStorage(SqlStorageOptions options)
    {
        _tables = new SqlTableNames(options);
        _sql = new SnapshotSql(_tables);
        _database = new SqliteDatabase(options, "sqlite-snapshot");
        _loadLatestMany = _sql.LoadLatestMany("ids AS (SELECT value AS pid FROM json_each(@pids))");
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        Write(SqlSchema.SqliteSnapshot(_tables), _ => { }, cancellationToken);

    /// <inheritdoc />
    public Task SaveAsync(SnapshotRepr snapshot, CancellationToken cancellationToken = default) =>
        Write(_sql.Save, command => SnapshotSql.BindSnapshot(command, snapshot), cancellationToken);

    /// <inheritdoc />
    public Task<SnapshotRepr?> LoadAsync(string persistenceId, SnapshotCriteria criteria, CancellationToken cancellationToken = default) =>
        _database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = _sql.Load;
            SnapshotSql.BindCriteria(command, persistenceId, criteria);
            using var reader = command.ExecuteReader();
            return reader.Read() ? SnapshotSql.Read(reader) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SnapshotRepr?>> LoadLatestManyAsync(IReadOnlyList<string> persistenceIds, CancellationToken cancellationToken = default)
    {
        // SQLite has no array parameters: the ids travel as one JSON array that json_each turns into rows.
        var json = System.Text.Json.JsonSerializer.Serialize(persistenceIds.Distinct(StringComparer.Ordinal));
        return _database.ReadAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = _loadLatestMany;
            command.Parameters.AddWithValue("pids", json);
            using var reader = command.ExecuteReader();
            var found = new List<SnapshotRepr>();
            while (reader.Read()) found.Add(SnapshotSql.Read(reader));
            return SnapshotSql.InIdOrder(persistenceIds, found);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string persistenceId, long sequenceNr, CancellationToken cancellationToken = default) =>
        Write(_sql.DeleteOne, command =>
        {
            command.Parameters.AddWithValue("pid", persistenceId);
            command.Parameters.AddWithValue("seq", sequenceNr);
        }, cancellationToken);

    /// <inheritdoc />
    public Task DeleteAsync(string persistenceId, SnapshotCriteria criteria, CancellationToken cancellationToken = default) =>
        Write(_sql.DeleteMatching, command => SnapshotSql.BindCriteria(command, persistenceId, criteria), cancellationToken);

    private Task Write(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        _database.WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            bind(command);
            command.ExecuteNonQuery();
            transaction.Commit();
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
