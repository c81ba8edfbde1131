namespace Orchestrator.Runtime.Singleton;

/// <summary>The hand-over protocol between the managers of one singleton on different members; crosses processes.</summary>
internal static class SingletonProtocol
{
    /// <summary>From the new oldest member's manager to an older one's: stop your instance; answered with <see cref="HandOverDone"/> once it has stopped.</summary>
    public sealed record HandOverToMe;

    /// <summary>The sender runs no instance of the singleton (any more).</summary>
    public sealed record HandOverDone;

    /// <summary>Periodic: ask older members again.</summary>
    public sealed record HandOverRetry;

    public static void RegisterManifests(Serialization.SerializationRegistry registry)
    {
        registry.Register<HandOverToMe>("orch.singleton.hand-over-to-me/v1");
        registry.Register<HandOverDone>("orch.singleton.hand-over-done/v1");
    }
}
