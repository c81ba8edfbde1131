using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Controllers.Deployments;

/// <summary>
/// <c>kubectl rollout undo</c>: copy the pod template of an earlier revision's ReplicaSet back into the
/// Deployment. The controller then treats that ReplicaSet as current again (and gives it the next revision
/// number), scaling it up and the others down by the Deployment's strategy.
/// </summary>
public static class DeploymentRollback
{
    /// <summary>
    /// The Deployment with the template of revision <paramref name="toRevision"/> (0 = the one before the current)
    /// among <paramref name="replicaSets"/> (those it controls), or the reason it cannot be rolled back.
    /// </summary>
    public static (Deployment? Deployment, string? Error) Plan(Deployment deployment, IEnumerable<ReplicaSet> replicaSets, long toRevision = 0)
    {
        var owned = replicaSets.Where(rs => OwnerReferences.IsControlledBy(rs, deployment) && rs.Spec.Template is not null)
            .OrderByDescending(Revisions.Of).ToList();
        var current = Revisions.Of(deployment);
        var target = toRevision == 0
            ? owned.FirstOrDefault(rs => Revisions.Of(rs) < current && !TemplateHash.SameTemplate(rs.Spec.Template, deployment.Spec.Template))
            : owned.FirstOrDefault(rs => Revisions.Of(rs) == toRevision);
        if (target is null)
        {
            return (null, toRevision == 0
                ? $"deployment {deployment.Metadata.Namespace}/{deployment.Metadata.Name} has no previous revision to roll back to"
                : $"deployment {deployment.Metadata.Namespace}/{deployment.Metadata.Name} has no revision {toRevision}");
        }

        var rolledBack = ObjectCodec.Copy(deployment);
        rolledBack.Spec.Template = TemplateHash.WithoutHash(target.Spec.Template!);
        return (rolledBack, null);
    }

    /// <summary>Reads the Deployment and its ReplicaSets from <paramref name="store"/> and rolls it back; the reply is the updated Deployment or the error.</summary>
    public static async Task<ObjectReply> RollbackAsync(IActorRef store, string ns, string name, long toRevision, TimeSpan timeout)
    {
        var got = await store.Ask<ObjectReply>(new GetObject(new ObjectKey("apps", "Deployment", ns, name)), timeout).ConfigureAwait(false);
        if (!got.IsSuccess)
        {
            return got;
        }

        var deployment = (Deployment)got.Object!;
        var list = await store.Ask<ObjectList>(new ListObjects("apps", "ReplicaSet", ns), timeout).ConfigureAwait(false);
        if (!list.IsSuccess)
        {
            return ObjectReply.Failed(list.Error!);
        }

        var (rolledBack, error) = Plan(deployment, list.Items.OfType<ReplicaSet>(), toRevision);
        if (rolledBack is null)
        {
            return ObjectReply.Failed(StatusError.BadRequest(error!));
        }

        // The resourceVersion read is a precondition: a concurrent change makes this a Conflict for the caller to retry.
        return await store.Ask<ObjectReply>(new UpdateObject(rolledBack), timeout).ConfigureAwait(false);
    }
}
