using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Orchestrator.Runtime.Tests.Actor;

/// <summary>Logs what it is told to, at the level it is told.</summary>
public sealed class LoggingActor : ReceiveActor
{
    public sealed record LogThis(LogLevel Level, string Text, Exception? Exception = null);

    public LoggingActor()
    {
        Receive<LogThis>(l =>
        {
#pragma warning disable CA2254 // the template is the test's input
            Context.Log.Log(l.Level, l.Exception, l.Text + " {Number}", 42);
#pragma warning restore CA2254
            Sender.Tell("logged", Self);
        });
    }
}

public sealed class LoggingSpec(ITestOutputHelper output) : TestKit.TestKit(output: output)
{
    [Fact]
    public void Context_Log_entries_are_published_as_LogEvents_with_the_actors_path_as_source()
    {
        var logger = Sys.ActorOf(Props.Create<LoggingActor>(), "logger");
        logger.Tell(new LoggingActor.LogThis(LogLevel.Information, "hello from the actor"), TestActor);
        ExpectMsg("logged");

        var log = ExpectLog(l => l.Message == "hello from the actor 42");
        Assert.Equal(logger.Path.ToString(), log.Source);
        Assert.Equal(LogLevel.Information, log.Level);
        Assert.Equal(typeof(LoggingActor).FullName, log.Category);
    }

    [Fact]
    public void A_logged_exception_travels_with_the_LogEvent()
    {
        var logger = Sys.ActorOf(Props.Create<LoggingActor>(), "logger");
        logger.Tell(new LoggingActor.LogThis(LogLevel.Error, "it broke", new TestException("cause")), TestActor);
        var log = ExpectLog(l => l.Message.StartsWith("it broke", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.Equal("cause", Assert.IsType<TestException>(log.Exception).Message);
    }

    [Fact]
    public void Entries_below_the_minimum_level_are_not_published()
    {
        var logger = Sys.ActorOf(Props.Create<LoggingActor>(), "logger");
        logger.Tell(new LoggingActor.LogThis(LogLevel.Debug, "too chatty"), TestActor);
        logger.Tell(new LoggingActor.LogThis(LogLevel.Warning, "marker"), TestActor);
        ExpectMsg("logged");
        ExpectMsg("logged");
        ExpectLog(l => l.Message.StartsWith("marker", StringComparison.Ordinal));
        Assert.DoesNotContain(LogEvents, l => l.Message.StartsWith("too chatty", StringComparison.Ordinal));
    }

    [Fact]
    public void The_systems_own_logger_uses_the_system_address_as_source()
    {
        Sys.Log.LogWarning("from outside any actor");
        var log = ExpectLog(l => l.Message == "from outside any actor");
        Assert.Equal(Sys.Address.ToString(), log.Source);
    }
}

public sealed class DebugLoggingSpec(ITestOutputHelper output)
    : TestKit.TestKit(new ActorSystemSettings { LogLevel = LogLevel.Debug }, output)
{
    [Fact]
    public void With_the_minimum_level_lowered_debug_entries_are_published()
    {
        var logger = Sys.ActorOf(Props.Create<LoggingActor>(), "logger");
        logger.Tell(new LoggingActor.LogThis(LogLevel.Debug, "details"), TestActor);
        var log = ExpectLog(l => l.Message == "details 42");
        Assert.Equal(LogLevel.Debug, log.Level);
    }
}
