using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>The result of a batch of creates or deletes: how many failed (their expectations must be lowered) and the first error.</summary>
/// <param name="Done">Requests that succeeded.</param>
/// <param name="FailedCount">Creates that failed or were skipped.</param>
/// <param name="FailedUids">Deletes that failed, by pod uid.</param>
/// <param name="Error">The first error, or null.</param>
public sealed record BatchResult(int Done, int FailedCount, IReadOnlyList<string> FailedUids, string? Error);

/// <summary>
/// Creates and deletes a workload's pods through the store, off the actor's thread (the methods use only their
/// arguments). Creates go in "slow start" batches of 1, 2, 4, …: when one fails (quota, an invalid template) the
/// rest are skipped instead of failing by the hundred.
/// </summary>
public static class PodControl
{
    /// <summary>A pod of <paramref name="template"/> controlled by <paramref name="owner"/>, named <c>&lt;owner&gt;-&lt;random&gt;</c>.</summary>
    public static Pod FromTemplate(PodTemplateSpec template, IKubernetesObject owner, IReadOnlyDictionary<string, string>? extraLabels = null)
    {
        var labels = new Dictionary<string, string>(template.Metadata?.Labels ?? [], StringComparer.Ordinal);
        foreach (var (key, value) in extraLabels ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }

        var pod = new Pod
        {
            Metadata =
            {
                GenerateName = owner.Metadata.Name + "-",
                Namespace = owner.Metadata.Namespace,
                Labels = labels,
                Annotations = template.Metadata?.Annotations is { } annotations ? new Dictionary<string, string>(annotations, StringComparer.Ordinal) : null,
                Finalizers = template.Metadata?.Finalizers?.ToList(),
                OwnerReferences = [OwnerReferences.ControllerReference(owner)],
            },
            Spec = template.Spec,
        };
        return ObjectCodec.Copy(pod); // the spec is the owner's: the pod gets its own
    }

    /// <summary>Creates <paramref name="count"/> copies of <paramref name="pod"/> in slow-start batches.</summary>
    public static async Task<BatchResult> CreateAsync(IActorRef store, Pod pod, int count, TimeSpan timeout)
    {
        var done = 0;
        var batch = 1;
        while (done < count)
        {
            var size = Math.Min(batch, count - done);
            var replies = await Task.WhenAll(Enumerable.Range(0, size).Select(_ => Create(store, ObjectCodec.Copy(pod), timeout))).ConfigureAwait(false);
            var failed = replies.Count(r => r is not null);
            done += size - failed;
            if (failed > 0)
            {
                return new BatchResult(done, count - done, [], replies.First(r => r is not null));
            }

            batch *= 2;
        }

        return new BatchResult(done, 0, [], null);
    }

    /// <summary>Deletes <paramref name="pods"/> (each guarded by its uid); a pod already gone counts as deleted.</summary>
    public static async Task<BatchResult> DeleteAsync(IActorRef store, IReadOnlyList<Pod> pods, TimeSpan timeout)
    {
        var replies = await Task.WhenAll(pods.Select(async pod => (Uid: pod.Metadata.Uid ?? "", Error: await Delete(store, pod, timeout).ConfigureAwait(false))))
            .ConfigureAwait(false);
        var failed = replies.Where(r => r.Error is not null).ToList();
        return new BatchResult(pods.Count - failed.Count, 0, failed.Select(f => f.Uid).ToList(), failed.FirstOrDefault().Error);
    }

    private static async Task<string?> Create(IActorRef store, Pod pod, TimeSpan timeout)
    {
        try
        {
            var reply = await store.Ask<ObjectReply>(new CreateObject(pod), timeout).ConfigureAwait(false);
            return reply.IsSuccess ? null : $"create pod {pod.Metadata.Namespace}/{pod.Metadata.GenerateName}*: {reply.Error}";
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return $"create pod {pod.Metadata.Namespace}/{pod.Metadata.GenerateName}*: {e.Message}";
        }
    }

    private static async Task<string?> Delete(IActorRef store, Pod pod, TimeSpan timeout)
    {
        var key = new ObjectKey("", "Pod", pod.Metadata.Namespace, pod.Metadata.Name ?? "");
        try
        {
            var reply = await store.Ask<ObjectReply>(new DeleteObject(key, new DeleteOptions(PreconditionUid: pod.Metadata.Uid)), timeout).ConfigureAwait(false);
            return reply.IsSuccess || reply.Error!.Reason == StatusError.NotFoundReason ? null : $"delete pod {key.Namespace}/{key.Name}: {reply.Error}";
        }
        catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
        {
            return $"delete pod {key.Namespace}/{key.Name}: {e.Message}";
        }
    }
}
