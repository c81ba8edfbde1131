using Npgsql;

namespace Orchestrator.Host.Tests.Process;

/// <summary>
/// The real PostgreSQL that test.sh starts (scripts/ensure-postgres.sh), used by <c>orch host</c> processes through
/// hocon/host.conf with a table prefix of their own, so parallel runs never share tables; disposing drops them.
/// </summary>
public sealed class PostgresJournal : IAsyncDisposable
{
    /// <summary>The test database's connection string.</summary>
    public const string Database = "Host=127.0.0.1;Port=5432;Username=orchestrator;Password=orchestrator;Database=orchestrator_test";

    /// <summary>The prefix of this journal's tables.</summary>
    public string Prefix { get; } = "orch_host_" + Guid.NewGuid().ToString("N")[..8] + "_";

    /// <summary>The environment of a host process using it: the connection string (ORCH_POSTGRES).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string> { ["ORCH_POSTGRES"] = Database };

    /// <summary>Writes <c>host.conf</c> into <paramref name="folder"/>: the repository's hocon/host.conf with this journal's table prefix.</summary>
    public void WriteHostConf(string folder)
    {
        var hostConf = Path.Combine(Startup.HostConfigLoaderTests.RepositoryRoot(), "hocon", "host.conf");
        File.WriteAllText(Path.Combine(folder, "host.conf"), File.ReadAllText(hostConf) + $"\norchestrator.persistence.table-prefix = \"{Prefix}\"\n");
    }

    /// <summary>Drops this journal's tables.</summary>
    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE @p", connection))
        {
            list.Parameters.AddWithValue("p", Prefix + "%");
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }

        foreach (var table in tables)
        {
            await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS \"{table}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
