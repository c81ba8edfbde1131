using System.Collections.Concurrent;
using Npgsql;

namespace Orchestrator.Actors.Tests.Store.Support;

/// <summary>
/// Table prefixes in the test PostgreSQL database (ORCH_TEST_POSTGRES, or the local one the setup script
/// creates), one per test, dropped when the test class is done.
/// </summary>
public sealed class PostgresTables : IAsyncLifetime
{
    /// <summary>The database scripts/ensure-postgres.sh sets up.</summary>
    public const string LocalDatabase = "Host=127.0.0.1;Port=5432;Username=orchestrator;Password=orchestrator;Database=orchestrator_test";

    private readonly ConcurrentBag<string> _prefixes = [];

    /// <summary>The connection string tests use.</summary>
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("ORCH_TEST_POSTGRES") is { Length: > 0 } configured ? configured : LocalDatabase;

    /// <summary>A prefix no other test uses.</summary>
    public string NewPrefix()
    {
        var prefix = $"st_{Guid.NewGuid():N}"[..15] + "_";
        _prefixes.Add(prefix);
        return prefix;
    }

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        foreach (var prefix in _prefixes)
        {
            var tables = new List<string>();
            await using (var find = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND starts_with(table_name, @prefix)", connection))
            {
                find.Parameters.AddWithValue("prefix", prefix);
                await using var reader = await find.ExecuteReaderAsync();
                while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
            }

            foreach (var table in tables)
            {
                await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS \"{table}\" CASCADE", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }
}
