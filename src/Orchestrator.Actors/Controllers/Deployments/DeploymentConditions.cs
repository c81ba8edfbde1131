using Orchestrator.Model.Apps.V1;

namespace Orchestrator.Actors.Controllers.Deployments;

/// <summary>Condition types and reasons of a Deployment, as Kubernetes names them.</summary>
public static class DeploymentConditions
{
    /// <summary>At least replicas − maxUnavailable pods are available.</summary>
    public const string Available = "Available";

    /// <summary>The rollout is moving, complete, paused, or stuck past its deadline.</summary>
    public const string Progressing = "Progressing";

    /// <summary>Available=True.</summary>
    public const string MinimumReplicasAvailable = "MinimumReplicasAvailable";

    /// <summary>Available=False.</summary>
    public const string MinimumReplicasUnavailable = "MinimumReplicasUnavailable";

    /// <summary>Progressing=True: a ReplicaSet was created.</summary>
    public const string NewReplicaSetCreated = "NewReplicaSetCreated";

    /// <summary>Progressing=True: the rollout moved.</summary>
    public const string ReplicaSetUpdated = "ReplicaSetUpdated";

    /// <summary>Progressing=True: the rollout is complete.</summary>
    public const string NewReplicaSetAvailable = "NewReplicaSetAvailable";

    /// <summary>Progressing=False: no progress within progressDeadlineSeconds.</summary>
    public const string ProgressDeadlineExceeded = "ProgressDeadlineExceeded";

    /// <summary>Progressing=Unknown: spec.paused.</summary>
    public const string DeploymentPaused = "DeploymentPaused";

    /// <summary>Progressing=Unknown: resumed, until the rollout moves.</summary>
    public const string DeploymentResumed = "DeploymentResumed";

    /// <summary>The condition of <paramref name="type"/>, if any.</summary>
    public static DeploymentCondition? Get(DeploymentStatus? status, string type) => status?.Conditions?.FirstOrDefault(c => c.Type == type);

    /// <summary>
    /// Sets a condition in <paramref name="conditions"/>: lastTransitionTime moves only when the status changes;
    /// lastUpdateTime moves when anything changes or <paramref name="touch"/> asks (progress was made).
    /// </summary>
    public static void Set(List<DeploymentCondition> conditions, string type, string status, string reason, string message, DateTimeOffset now, bool touch = false)
    {
        var existing = conditions.FirstOrDefault(c => c.Type == type);
        if (existing is null)
        {
            conditions.Add(new DeploymentCondition { Type = type, Status = status, Reason = reason, Message = message, LastTransitionTime = now, LastUpdateTime = now });
            return;
        }

        var changed = existing.Status != status || existing.Reason != reason || existing.Message != message;
        if (existing.Status != status)
        {
            existing.LastTransitionTime = now;
        }

        if (changed || touch)
        {
            existing.LastUpdateTime = now;
        }

        existing.Status = status;
        existing.Reason = reason;
        existing.Message = message;
    }
}
