namespace Orchestrator.Actors.Informers;

/// <summary>How an <see cref="Informer"/> talks to the store (from <c>orchestrator.controllers.informer</c>, see reference.conf).</summary>
/// <param name="RequestTimeout">How long a List may take before it counts as failed.</param>
/// <param name="RelistBackoffMin">Delay before the first re-list after a failure; doubles per failure in a row.</param>
/// <param name="RelistBackoffMax">Longest delay between re-lists.</param>
/// <param name="ResyncInterval">How often subscribers get <see cref="InformerResynced"/>; null for never.</param>
public sealed record InformerOptions(TimeSpan RequestTimeout, TimeSpan RelistBackoffMin, TimeSpan RelistBackoffMax, TimeSpan? ResyncInterval)
{
    /// <summary>The defaults of reference.conf.</summary>
    public static InformerOptions Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
}
