using Orchestrator.Model;
using Orchestrator.Model.Meta;

namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>Controller references: who controls an object, and the reference a controller puts on what it creates or adopts.</summary>
public static class OwnerReferences
{
    /// <summary>The reference with <c>controller: true</c>, if any.</summary>
    public static OwnerReference? ControllerOf(IKubernetesObject obj) => obj.Metadata.OwnerReferences?.FirstOrDefault(r => r.Controller == true);

    /// <summary>True when <paramref name="obj"/> is controlled by <paramref name="owner"/> (same kind, name and uid).</summary>
    public static bool IsControlledBy(IKubernetesObject obj, IKubernetesObject owner) =>
        ControllerOf(obj) is { } reference && reference.Uid == owner.Metadata.Uid && reference.Kind == owner.Kind;

    /// <summary>A controller reference to <paramref name="owner"/> (blocking its foreground deletion, as Kubernetes' controllers set it).</summary>
    public static OwnerReference ControllerReference(IKubernetesObject owner) => new()
    {
        ApiVersion = owner.ApiVersion,
        Kind = owner.Kind,
        Name = owner.Metadata.Name ?? "",
        Uid = owner.Metadata.Uid ?? "",
        Controller = true,
        BlockOwnerDeletion = true,
    };
}
