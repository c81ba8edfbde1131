using System.Text.Json;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Serialization;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>Helpers for the writing part of a sync: status comparison and the pod plan of controllers of individually named pods.</summary>
public static class ControllerWrites
{
    /// <summary>True when two status objects serialize alike (so an unchanged status is not written again).</summary>
    public static bool SameJson<T>(T? a, T? b) =>
        JsonSerializer.Serialize(a, KubernetesJson.Options) == JsonSerializer.Serialize(b, KubernetesJson.Options);

    /// <summary>A copy of <paramref name="obj"/> carrying <paramref name="status"/> (set by <paramref name="set"/>), or null when <paramref name="current"/> already says the same.</summary>
    public static T? WithNewStatus<T, TStatus>(T obj, TStatus? current, TStatus status, Action<T, TStatus> set)
        where T : class, IKubernetesObject
    {
        if (SameJson(current, status)) return null;
        var copy = ObjectCodec.Copy(obj);
        set(copy, status);
        return copy;
    }

    /// <summary>
    /// Carries out a sync of a controller of individually named pods (DaemonSet, StatefulSet): creates
    /// <paramref name="creates"/> one by one, deletes <paramref name="delete"/> gracefully and
    /// <paramref name="forceDelete"/> at once (grace 0, for pods whose node is gone), writes
    /// <paramref name="statusUpdate"/> through the status subresource, and lowers the expectations of
    /// <paramref name="key"/> for every create or delete that failed (they will never be observed).
    /// </summary>
    public static async Task<SyncOutcome> ApplyPodPlan(string key, IReadOnlyList<Pod> creates, IReadOnlyList<Pod> delete, IReadOnlyList<Pod> forceDelete,
        IKubernetesObject? statusUpdate, IActorRef store, TimeSpan timeout, ControllerExpectations expectations)
    {
        var errors = new List<string>();
        var failedCreates = 0;
        foreach (var pod in creates)
        {
            var reply = await StoreWrites.Send(store, new CreateObject(pod), timeout, errors, $"create pod {pod.Metadata.Name ?? pod.Metadata.GenerateName + "*"} on node {pod.Spec.NodeName}").ConfigureAwait(false);
            if (reply is null) failedCreates++;
        }

        var deleted = delete.Count == 0 ? new BatchResult(0, 0, [], null) : await PodControl.DeleteAsync(store, delete, timeout).ConfigureAwait(false);
        if (deleted.Error is not null) errors.Add(deleted.Error);
        var failedForce = new List<string>();
        foreach (var pod in forceDelete)
        {
            var command = new DeleteObject(new ObjectKey("", "Pod", pod.Metadata.Namespace, pod.Metadata.Name!), new DeleteOptions(GracePeriodSeconds: 0, PreconditionUid: pod.Metadata.Uid));
            if (await StoreWrites.Send(store, command, timeout, errors, $"delete pod {pod.Metadata.Name} of a node that is gone", ignoreNotFound: true).ConfigureAwait(false) is null)
                failedForce.Add(pod.Metadata.Uid ?? "");
        }

        if (statusUpdate is not null)
        {
            statusUpdate.Metadata.ResourceVersion = null; // the controller is the status's only writer
            await StoreWrites.Send(store, new UpdateObjectStatus(statusUpdate), timeout, errors, $"update status of {statusUpdate.Kind} {key}").ConfigureAwait(false);
        }

        return new SyncOutcome(errors.Count == 0 ? null : string.Join("; ", errors), null, () =>
        {
            for (var i = 0; i < failedCreates; i++) expectations.CreationObserved(key);
            foreach (var uid in deleted.FailedUids.Concat(failedForce)) expectations.DeletionObserved(key, uid);
        });
    }
}
