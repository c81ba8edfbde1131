using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Registry;

namespace Orchestrator.Actors.Store.Entities;

/// <summary>The apiserver's pods/binding semantics as a pure function of (state, command).</summary>
public static class BindingRules
{
    /// <summary>Sets spec.nodeName and PodScheduled=True on an unbound, live pod.</summary>
    public static Decision Bind(ResourceState state, ResourceType type, BindPod command, DateTimeOffset now)
    {
        if (state.Object is not Pod stored) return Decision.Fail(StatusError.NotFound(type.GroupResource, command.Name));
        if (string.IsNullOrEmpty(command.NodeName)) return Decision.Fail(StatusError.BadRequest($"binding of pod {command.Name}: the node name is required"));
        if (!string.IsNullOrEmpty(command.Uid) && command.Uid != stored.Metadata.Uid)
        {
            return Decision.Fail(StatusError.Conflict(type.GroupResource, command.Name,
                $"Precondition failed: UID in precondition: {command.Uid}, UID in object meta: {stored.Metadata.Uid}"));
        }

        if (stored.Metadata.DeletionTimestamp is not null)
            return Decision.Fail(StatusError.Conflict(type.GroupResource, command.Name, $"pod {command.Name} is being deleted, cannot be assigned to a host"));
        if (!string.IsNullOrEmpty(stored.Spec.NodeName))
            return Decision.Fail(StatusError.Conflict(type.GroupResource, command.Name, $"pod {command.Name} is already assigned to node \"{stored.Spec.NodeName}\""));

        var pod = ObjectCodec.Copy(stored);
        pod.Spec.NodeName = command.NodeName;
        pod.Status ??= new PodStatus();
        var conditions = pod.Status.Conditions ??= [];
        conditions.RemoveAll(c => c.Type == "PodScheduled");
        conditions.Add(new PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = now });
        pod.Metadata.ResourceVersion = null;
        return Decision.Persist(new ObjectModified(ObjectCodec.ToNode(pod)));
    }
}
