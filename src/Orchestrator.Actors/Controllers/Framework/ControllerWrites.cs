using System.Text.Json;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Serialization;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>
/// Store writes for the asynchronous part of a sync: each records its failure in a list instead of throwing,
/// so one failed write does not stop the others and the sync reports every error at once.
/// </summary>
public static class ControllerWrites
{
    /// <summary>Sends <paramref name="command"/>; on failure adds "<paramref name="what"/>: error" to <paramref name="errors"/>. Returns the reply, or null on a timeout.</summary>
    public static async Task<ObjectReply?> Write(IActorRef store, IObjectCommand command, TimeSpan timeout, List<string> errors, string what, bool alreadyExistsIsSuccess = false)
    {
        try
        {
            var reply = await store.Ask<ObjectReply>(command, timeout).ConfigureAwait(false);
            var benign = reply.Error?.Reason == StatusError.NotFoundReason && command is DeleteObject
                || (alreadyExistsIsSuccess && reply.Error?.Reason == StatusError.AlreadyExistsReason);
            if (!reply.IsSuccess && !benign) errors.Add($"{what}: {reply.Error!.Message}");
            return reply;
        }
        catch (AskTimeoutException e)
        {
            errors.Add($"{what}: {e.Message}");
            return null;
        }
    }

    /// <summary>True when two status objects serialize alike (so an unchanged status is not written again).</summary>
    public static bool SameJson<T>(T? a, T? b) =>
        JsonSerializer.Serialize(a, KubernetesJson.Options) == JsonSerializer.Serialize(b, KubernetesJson.Options);

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
            var reply = await Write(store, new CreateObject(pod), timeout, errors, $"create pod {pod.Metadata.Name ?? pod.Metadata.GenerateName + "*"} on node {pod.Spec.NodeName}").ConfigureAwait(false);
            if (reply is not { IsSuccess: true }) failedCreates++;
        }

        var deleted = delete.Count == 0 ? new BatchResult(0, 0, [], null) : await PodControl.DeleteAsync(store, delete, timeout).ConfigureAwait(false);
        if (deleted.Error is not null) errors.Add(deleted.Error);
        var failedForce = new List<string>();
        foreach (var pod in forceDelete)
        {
            var command = new DeleteObject(new ObjectKey("", "Pod", pod.Metadata.Namespace, pod.Metadata.Name!), new DeleteOptions(GracePeriodSeconds: 0, PreconditionUid: pod.Metadata.Uid));
            var before = errors.Count;
            await Write(store, command, timeout, errors, $"delete pod {pod.Metadata.Name} of a node that is gone").ConfigureAwait(false);
            if (errors.Count > before) failedForce.Add(pod.Metadata.Uid ?? "");
        }

        if (statusUpdate is not null)
        {
            statusUpdate.Metadata.ResourceVersion = null; // the controller is the status's only writer
            await Write(store, new UpdateObjectStatus(statusUpdate), timeout, errors, $"update status of {statusUpdate.Kind} {key}").ConfigureAwait(false);
        }

        return new SyncOutcome(errors.Count == 0 ? null : string.Join("; ", errors), null, () =>
        {
            for (var i = 0; i < failedCreates; i++) expectations.CreationObserved(key);
            foreach (var uid in deleted.FailedUids.Concat(failedForce)) expectations.DeletionObserved(key, uid);
        });
    }
}
