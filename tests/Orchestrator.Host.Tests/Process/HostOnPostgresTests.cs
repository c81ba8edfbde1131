namespace Orchestrator.Host.Tests.Process;

/// <summary>
/// <c>orch host --config hocon/host.conf</c>: a control-plane member whose journal is the real PostgreSQL that
/// test.sh starts (scripts/ensure-postgres.sh); its objects outlive the process.
/// </summary>
public sealed class HostOnPostgresTests : TestKit.TestKit
{
    [Fact]
    public async Task A_control_plane_member_keeps_its_objects_in_PostgreSQL_across_a_restart()
    {
        await using var journal = new PostgresJournal();
        string[] args = ["host", "--config", "host.conf", "--port", "0"];
        string folder;
        await using (var first = await OrchUp.StartCommandAsync(args, journal.Environment, journal.WriteHostConf, keepFolder: true))
        {
            folder = first.Folder;
            Assert.Contains("orch host: control-plane member", first.Output);
            var applied = await first.CtlWithInput("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: kept}\ndata: {a: b}\n", "apply", "-f", "-");
            Assert.True(applied.ExitCode == 0, applied.ToString());
            Assert.Equal(0, await first.StopAsync());
        }

        Assert.False(File.Exists(Path.Combine(folder, ".orch", "journal.db")));
        await using var second = await OrchUp.StartCommandAsync(args, journal.Environment, null, existingFolder: folder);
        var kept = await second.Ctl("get", "cm", "kept", "-o", "name");
        Assert.True(kept.ExitCode == 0, kept.ToString());
        Assert.Equal("configmap/kept\n", kept.Stdout);
    }
}
