using Npgsql;

namespace Orchestrator.Host.Tests.Process;

/// <summary>
/// <c>orch host --config hocon/host.conf</c>: a control-plane member whose journal is the real PostgreSQL that
/// test.sh starts (scripts/ensure-postgres.sh); its objects outlive the process.
/// </summary>
public sealed class HostOnPostgresTests : TestKit.TestKit
{
    private const string Database = "Host=127.0.0.1;Port=5432;Username=orchestrator;Password=orchestrator;Database=orchestrator_test";

    [Fact]
    public async Task A_control_plane_member_keeps_its_objects_in_PostgreSQL_across_a_restart()
    {
        var prefix = "orch_host_" + Guid.NewGuid().ToString("N")[..8] + "_";
        var hostConf = Path.Combine(Startup.HostConfigLoaderTests.RepositoryRoot(), "hocon", "host.conf");
        var environment = new Dictionary<string, string> { ["ORCH_POSTGRES"] = Database };
        void Prepare(string folder) =>
            File.WriteAllText(Path.Combine(folder, "host.conf"), File.ReadAllText(hostConf) + $"\norchestrator.persistence.table-prefix = \"{prefix}\"\n");
        string[] args = ["host", "--config", "host.conf", "--port", "0"];
        try
        {
            string folder;
            await using (var first = await OrchUp.StartCommandAsync(args, environment, Prepare, keepFolder: true))
            {
                folder = first.Folder;
                Assert.Contains("orch host: control-plane member", first.Output);
                var applied = await first.CtlWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kept}\ndata: {a: b}\n", "apply", "-f", "-");
                Assert.True(applied.ExitCode == 0, applied.ToString());
                Assert.Equal(0, await first.StopAsync());
            }

            Assert.False(File.Exists(Path.Combine(folder, ".orch", "journal.db")));
            await using var second = await OrchUp.StartCommandAsync(args, environment, null, existingFolder: folder);
            var kept = await second.Ctl("get", "cm", "kept", "-o", "name");
            Assert.True(kept.ExitCode == 0, kept.ToString());
            Assert.Equal("configmap/kept\n", kept.Stdout);
        }
        finally
        {
            await DropTables(prefix);
        }
    }

    private static async Task DropTables(string prefix)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE @p", connection))
        {
            list.Parameters.AddWithValue("p", prefix + "%");
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
