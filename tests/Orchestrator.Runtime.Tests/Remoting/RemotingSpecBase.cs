using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Hocon;
using Orchestrator.Runtime.Remoting;

namespace Orchestrator.Runtime.Tests.Remoting;

/// <summary>
/// A TestKit whose system has remoting on 127.0.0.1 (any free port), plus helpers to create more
/// systems in the same process (each with its own port and real sockets) that are terminated after the test.
/// </summary>
public abstract class RemotingSpecBase : TestKit.TestKit
{
    public const string Secret = "remoting-spec-secret";
    private readonly List<ActorSystem> _others = [];
    private static int _counter;

    protected RemotingSpecBase(string extraConfig = "")
        : base(RemoteConfig(Secret, extraConfig))
    {
        RemoteTestMessages.RegisterAll(Sys.Serialization);
    }

    /// <summary>HOCON for a remoting system on any free port with short failure-detection timings.</summary>
    public static string RemoteConfig(string secret, string extra = "") => $$"""
        orchestrator {
          log-dead-letters = 0
          remote {
            enabled = on
            hostname = "127.0.0.1"
            port = 0
            cluster-secret = "{{secret}}"
            heartbeat-interval = 200ms
            death-watch-failure-timeout = 3s
            retry-window = 1s
            backoff-max = 500ms
            {{extra}}
          }
        }
        """;

    /// <summary>Another system in this process with remoting on; terminated after the test.</summary>
    protected ActorSystem CreateSystem(string? secret = Secret, string extra = "", bool register = true)
    {
        var system = ActorSystem.Create($"other-{Interlocked.Increment(ref _counter)}",
            Config.Parse(RemoteConfig(secret ?? "", extra), "other system"), NullLoggerFactory.Instance);
        if (register) RemoteTestMessages.RegisterAll(system.Serialization);
        lock (_others) _others.Add(system);
        return system;
    }

    /// <summary>The ref through which <paramref name="from"/> reaches <paramref name="actor"/> of another system.</summary>
    protected static IActorRef Remote(ActorSystem from, IActorRef actor)
    {
        var resolved = from.ResolveActorRef(actor.Path.ToSerializationFormat());
        Assert.IsType<RemoteActorRef>(resolved);
        return resolved;
    }

    public override async Task DisposeAsync()
    {
        ActorSystem[] others;
        lock (_others) others = [.. _others];
        await Task.WhenAll(others.Select(o => o.Terminate())).WaitAsync(Dilated(TimeSpan.FromSeconds(15)));
        await base.DisposeAsync();
    }
}
