using Orchestrator.Actors.Store.Errors;
using Orchestrator.Model;

namespace Orchestrator.Actors.Store.Entities;

/// <summary>
/// What a command leads to: events to persist (the reply is then the resulting state), nothing
/// (the reply is <see cref="Unchanged"/>, the stored object), or an error.
/// </summary>
public sealed record Decision(IReadOnlyList<ResourceEvent> Events, IKubernetesObject? Unchanged, StatusError? Error)
{
    /// <summary>Persist these events.</summary>
    public static Decision Persist(params ResourceEvent[] events) => new(events, null, null);

    /// <summary>Nothing changes; answer with the stored object.</summary>
    public static Decision NoChange(IKubernetesObject current) => new([], current, null);

    /// <summary>The command fails.</summary>
    public static Decision Fail(StatusError error) => new([], null, error);
}
