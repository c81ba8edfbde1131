using Orchestrator.Host.Startup;

namespace Orchestrator.Host.Tests.Startup;

public sealed class HostConfigLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("orch-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_dir, "host.conf");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_syntax_error_names_the_file_line_and_column()
    {
        var path = Write("orchestrator {\n  remote {\n    port = 2552\n    hostname = [unclosed\n}\n");
        var error = Assert.Throws<StartupException>(() => HostConfigLoader.Load(path, new Dictionary<string, string>()));
        Assert.Matches($@"^error: bad configuration: {System.Text.RegularExpressions.Regex.Escape(path)}:\d+:\d+: ", error.Message);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public void A_bad_value_names_its_key_and_where_it_is()
    {
        var path = Write("orchestrator.store.snapshot-every = -3\n");
        var error = Assert.Throws<StartupException>(() => HostConfigLoader.Load(path, new Dictionary<string, string>()));
        Assert.Contains($"{path}:1:", error.Message);
        Assert.Contains("orchestrator.store.snapshot-every must be 0 or more", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named() =>
        Assert.Equal($"error: config file {_dir}/none.conf does not exist",
            Assert.Throws<StartupException>(() => HostConfigLoader.Load(Path.Combine(_dir, "none.conf"), new Dictionary<string, string>())).Message);

    [Fact]
    public void Flags_win_over_the_file_and_the_file_over_the_references()
    {
        var path = Write("orchestrator.remote.port = 4000\norchestrator.host.data-dir = from-file\n");
        var options = new ProcessOptions(ProcessKind.Host, path, Port: 4100);
        var config = HostConfigLoader.Load(path, options.Overrides());
        Assert.Equal(4100, config.GetInt("orchestrator.remote.port"));
        Assert.Equal("from-file", config.GetString("orchestrator.host.data-dir"));
        Assert.False(config.GetBoolean("orchestrator.host.run-node-agent"));
        Assert.True(config.GetBoolean("orchestrator.remote.enabled"));
        Assert.Equal("orch", HostSettings.From(config).SystemName);
    }

    [Fact]
    public void The_shipped_configuration_files_load()
    {
        var root = RepositoryRoot();
        foreach (var file in new[] { "up.conf", "host.conf", "node.conf" })
            HostConfigLoader.Load(Path.Combine(root, "hocon", file), new Dictionary<string, string>());
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActorOrchestrator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("no repository root above " + AppContext.BaseDirectory);
    }
}
