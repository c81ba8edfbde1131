using Microsoft.Extensions.Logging;
using Orchestrator.Hocon;
using Orchestrator.Runtime.Configuration;

namespace Orchestrator.Runtime.Tests.Configuration;

public sealed class ActorSystemConfigurationSpec
{
    private static ActorSystemSettings Read(string hocon) =>
        ActorSystemSettingsReader.Read(ReferenceConfig.WithReferences(Config.Parse(hocon, "app.conf")).Resolve());

    [Fact]
    public void The_reference_configuration_gives_the_documented_defaults()
    {
        var settings = Read("");
        Assert.Equal(30, settings.Throughput);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.AskTimeout);
        Assert.Equal(LogLevel.Information, settings.LogLevel);
        Assert.Equal(10, settings.LogDeadLetters);
        Assert.True(settings.LogUnhandled);
        Assert.Equal(CoordinatedShutdown.PhaseActorSystemTerminate, CoordinatedShutdown.TopologicalSort(settings.ShutdownPhases)[^1].Name);
    }

    [Fact]
    public void Application_values_override_the_reference()
    {
        var settings = Read("""
            orchestrator.actor { throughput = 100, ask-timeout = 250ms }
            orchestrator.loglevel = debug
            """);
        Assert.Equal(100, settings.Throughput);
        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.AskTimeout);
        Assert.Equal(LogLevel.Debug, settings.LogLevel);
    }

    [Fact]
    public void A_phase_timeout_falls_back_to_the_default_phase_timeout()
    {
        var settings = Read("orchestrator.coordinated-shutdown.default-phase-timeout = 2s");
        Assert.Equal(TimeSpan.FromSeconds(2), settings.ShutdownPhases.Single(p => p.Name == "service-unbind").Timeout);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.ShutdownPhases.Single(p => p.Name == "cluster-exiting").Timeout);
    }

    [Fact]
    public void A_bad_throughput_names_the_key_file_and_line()
    {
        var e = Assert.Throws<ConfigException>(() => Read("a = 1\norchestrator.actor.throughput = 0"));
        Assert.Contains("orchestrator.actor.throughput must be at least 1", e.Message);
        Assert.Equal("app.conf", e.SourceName);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void An_unknown_log_level_lists_the_allowed_levels()
    {
        var e = Assert.Throws<ConfigException>(() => Read("orchestrator.loglevel = loud"));
        Assert.Contains("'loud' is not a level", e.Message);
        Assert.Contains("Warning", e.Message);
    }

    [Fact]
    public void A_shutdown_phase_depending_on_an_unknown_phase_is_rejected()
    {
        var e = Assert.Throws<ConfigException>(() => Read("orchestrator.coordinated-shutdown.phases.extra { depends-on = [nowhere] }"));
        Assert.Contains("depends on unknown phase 'nowhere'", e.Message);
    }

    [Fact]
    public async Task A_system_created_from_hocon_uses_its_settings_and_exposes_its_config()
    {
        var system = ActorSystem.Create("configured", Config.Parse("orchestrator { stdout-logging = off, actor.throughput = 7 }\nmy-module.greeting = hi"));
        try
        {
            Assert.Equal(7, system.Settings.Throughput);
            Assert.Equal("hi", system.Config.GetString("my-module.greeting"));
        }
        finally
        {
            await system.Terminate();
        }
    }
}
