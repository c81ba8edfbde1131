using Microsoft.Data.Sqlite;

namespace Orchestrator.Runtime.Persistence.Sql;

/// <summary>
/// One SQLite file as the storages use it: a single writer thread (all writes, queued, each commit
/// durable) and <see cref="ReaderThreads"/> reader threads, each thread with its own long-lived connection.
/// </summary>
/// <remarks>
/// Reads run on a small fixed set of dedicated threads rather than a new long-running task per call:
/// queries are frequent (EventsByTag polling), threads are not free, and a fixed set bounds how many
/// connections one process holds. In WAL mode readers never block the writer nor each other.
/// </remarks>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    /// <summary>Readers per database; two keep a slow replay from stalling every other query.</summary>
    public const int ReaderThreads = 2;

    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;
    private readonly SqliteWorker _writer;
    private readonly SqliteWorker _readers;

    public SqliteDatabase(SqlStorageOptions options, string name)
    {
        options.Validate();
        if (options.Schema is not null)
            throw new ArgumentException("SQLite has no schemas; isolate tables with TablePrefix instead.", nameof(options));
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            throw new ArgumentException("The SQLite storages need a database file (Data Source=path): every thread opens its own connection.", nameof(options));
        // Each worker thread keeps its connection for its lifetime; a pool would only keep the file
        // open after DisposeAsync.
        builder.Pooling = false;
        _connectionString = builder.ToString();
        _busyTimeoutMs = checked(Math.Max(builder.DefaultTimeout, 1) * 1000);
        FilePath = Path.GetFullPath(builder.DataSource);
        _writer = new SqliteWorker($"{name}-writer", 1, () => Open(writer: true));
        _readers = new SqliteWorker($"{name}-reader", ReaderThreads, () => Open(writer: false));
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    /// <summary>Runs <paramref name="work"/> on the writer thread, after every write queued before it.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken) =>
        _writer.RunAsync(work, cancellationToken);

    /// <summary>Runs <paramref name="work"/> on a reader thread.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken) =>
        _readers.RunAsync(work, cancellationToken);

    private SqliteConnection Open(bool writer)
    {
        var directory = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // busy_timeout first: switching to WAL needs a lock another process may hold for a moment.
            // synchronous=FULL: fsync on every commit, so an acknowledged write survives power loss
            // (NORMAL would only protect against crashes of this process in WAL mode).
            Execute(connection, $"PRAGMA busy_timeout = {_busyTimeoutMs};");
            if (writer) Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>True for SQLite's UNIQUE constraint failure (SQLITE_CONSTRAINT / SQLITE_CONSTRAINT_UNIQUE).</summary>
    public static bool IsUniqueViolation(SqliteException e) => e.SqliteErrorCode == 19 && e.SqliteExtendedErrorCode == 2067;

    /// <summary>Finishes queued work and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _readers.DisposeAsync();
    }
}
