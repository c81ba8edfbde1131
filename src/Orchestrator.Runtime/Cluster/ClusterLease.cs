using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orchestrator.Runtime.Persistence;

namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// The lease of the lease-majority split-brain strategy: one row in the journal database's
/// <c>&lt;table-prefix&gt;cluster_lease</c> table (name, owner, expiry in Unix milliseconds). Acquiring is one
/// atomic upsert that succeeds only when the row is free, expired, or already this owner's; the database
/// decides between two sides racing for it. Expiry uses the clock of the process that acquires, so hosts'
/// clocks must agree to well within lease-ttl.
/// </summary>
internal sealed class ClusterLease
{
    private readonly PersistenceSettings _persistence;
    private readonly SplitBrainResolverSettings _settings;
    private readonly string _table;

    public ClusterLease(PersistenceSettings persistence, SplitBrainResolverSettings settings)
    {
        _persistence = persistence;
        _settings = settings;
        if (!System.Text.RegularExpressions.Regex.IsMatch(persistence.TablePrefix, "^[A-Za-z0-9_]*$"))
            throw new ArgumentException($"orchestrator.persistence.table-prefix '{persistence.TablePrefix}' may contain only letters, digits and underscores.");
        _table = persistence.TablePrefix + "cluster_lease";
    }

    /// <summary>True when <paramref name="owner"/> now holds the lease (for lease-ttl from now).</summary>
    public Task<bool> TryAcquireAsync(string owner, CancellationToken cancellationToken = default) =>
        _persistence.JournalPlugin switch
        {
            "postgresql" => AcquirePostgresAsync(owner, cancellationToken),
            "sqlite" => Task.Run(() => AcquireSqlite(owner), cancellationToken),
            var other => Task.FromException<bool>(new InvalidOperationException(
                $"lease-majority needs a shared journal database; orchestrator.persistence.journal.plugin is '{other}' (use sqlite or postgresql).")),
        };

    /// <summary>The current holder, or null when the row is free or expired (tests and diagnostics).</summary>
    public async Task<string?> HolderAsync(CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT owner FROM {_table} WHERE name = @name AND expires_at >= @now";
        if (_persistence.JournalPlugin == "postgresql")
        {
            await using var source = NpgsqlDataSource.Create(_persistence.PostgresConnectionString);
            await Persistence.Sql.PostgresDatabase.ApplySchemaAsync(source, CreateTable, cancellationToken);
            await using var connection = await source.OpenConnectionAsync(cancellationToken);
            return (string?)await Command(connection, sql, owner: null).ExecuteScalarAsync(cancellationToken);
        }
        return await Task.Run(() =>
        {
            using var connection = OpenSqlite();
            return (string?)Command(connection, sql, owner: null).ExecuteScalar();
        }, cancellationToken);
    }

    private string CreateTable => $"CREATE TABLE IF NOT EXISTS {_table} (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at BIGINT NOT NULL)";

    // The conflict branch updates only a free, expired or own row; otherwise no row changes and the lease is not acquired.
    private string Upsert =>
        $"INSERT INTO {_table} (name, owner, expires_at) VALUES (@name, @owner, @expires) " +
        $"ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at " +
        $"WHERE {_table}.owner = excluded.owner OR {_table}.expires_at < @now";

    private async Task<bool> AcquirePostgresAsync(string owner, CancellationToken cancellationToken)
    {
        await using var source = NpgsqlDataSource.Create(_persistence.PostgresConnectionString);
        // Under the schema lock every other schema change takes: two sides creating the table at the same moment
        // would otherwise race on the catalog (CREATE TABLE IF NOT EXISTS is not safe against a concurrent one).
        await Persistence.Sql.PostgresDatabase.ApplySchemaAsync(source, CreateTable, cancellationToken);
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        return await Command(connection, Upsert, owner).ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private bool AcquireSqlite(string owner)
    {
        using var connection = OpenSqlite();
        return Command(connection, Upsert, owner).ExecuteNonQuery() == 1;
    }

    private SqliteConnection OpenSqlite()
    {
        var path = Path.GetFullPath(_persistence.SqlitePath);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 5, Pooling = false }.ToString());
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = CreateTable;
        create.ExecuteNonQuery();
        return connection;
    }

    private DbCommand Command(DbConnection connection, string sql, string? owner)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "name", _settings.LeaseName);
        Add(command, "now", now);
        if (owner is not null)
        {
            Add(command, "owner", owner);
            Add(command, "expires", now + (long)_settings.LeaseTtl.TotalMilliseconds);
        }
        return command;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
