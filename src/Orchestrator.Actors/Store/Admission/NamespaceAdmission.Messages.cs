using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;

namespace Orchestrator.Actors.Store.Admission;

/// <summary>
/// A command the <see cref="Front.ObjectStore"/> hands to its namespace's <see cref="NamespaceAdmission"/>:
/// every create into the namespace (after the namespace check), every delete in it, and every write
/// to a ResourceQuota or LimitRange. The sender is the client, who gets the <see cref="ObjectReply"/>.
/// </summary>
public sealed record Admit(ObjectKey Key, IObjectCommand Command);

/// <summary>A command that passed admission: the store routes it to the object's entity, keeping the sender.</summary>
public sealed record AdmittedCommand(ObjectKey Key, IObjectCommand Command);

/// <summary>Timer message: recompute the namespace's quota use from the objects that exist.</summary>
internal sealed record ResyncQuotas
{
    /// <summary>The one instance.</summary>
    public static readonly ResyncQuotas Instance = new();
}
