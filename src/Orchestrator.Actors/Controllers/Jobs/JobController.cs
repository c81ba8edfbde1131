using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Informers;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Controllers.Jobs;

/// <summary>
/// Runs each Job's pods to completion (<see cref="JobRules"/>): creates pods from its template with a controller
/// reference and the labels <c>batch.kubernetes.io/job-name</c> and <c>batch.kubernetes.io/controller-uid</c>,
/// counts successes and failures, fails the Job on its backoff limit or deadline, and writes its status.
/// Watches Jobs and Pods; time comes from the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class JobController : ControllerBase
{
    /// <summary>Every Job.</summary>
    public static readonly InformerSpec Jobs = new("batch", "Job");

    /// <summary>Label naming the pod's Job.</summary>
    public const string JobNameLabel = "batch.kubernetes.io/job-name";

    /// <summary>Label carrying the uid of the pod's Job.</summary>
    public const string ControllerUidLabel = "batch.kubernetes.io/controller-uid";

    private static readonly InformerSpec Pods = InformerSpec.Pods;
    private readonly JobSettings _jobSettings;
    private readonly TimeProvider _clock;

    /// <summary>A controller writing through <paramref name="store"/>.</summary>
    public JobController(IActorRef store, ControllerSettings settings, JobSettings jobSettings, TimeProvider clock)
        : base(store, settings)
    {
        _jobSettings = jobSettings;
        _clock = clock;
        Inform(Jobs);
        Inform(Pods);
    }

    /// <inheritdoc />
    protected override string Name => "job-controller";

    /// <summary>Props of the controller (<paramref name="clock"/> default: the system clock).</summary>
    public static Props Props(IActorRef store, ControllerSettings settings, JobSettings? jobSettings = null, TimeProvider? clock = null) =>
        Runtime.Props.Create(() => new JobController(store, settings, jobSettings ?? JobSettings.Default, clock ?? TimeProvider.System));

    /// <inheritdoc />
    protected override void OnNotification(InformerNotification notification)
    {
        OwnerNotifications.OnOwnerOrPod(notification, Jobs, Pods, "Job", Cache(Jobs), Expectations, Enqueue);
    }

    /// <inheritdoc />
    protected override Task<SyncOutcome> Sync(string key)
    {
        if (!Cache(Jobs).TryGetValue(key, out var obj) || obj is not Job job || job.Metadata.DeletionTimestamp is not null)
        {
            Expectations.Forget(key);
            return SyncOutcome.DoneTask;
        }

        if (!Expectations.IsSatisfied(key)) return SyncOutcome.DoneTask; // its pod events requeue it

        var pods = OwnerNotifications.OwnedPods(Cache(Pods), job);
        var plan = JobRules.Reconcile(job, pods, _clock.GetUtcNow(), _jobSettings.PodFailureBackoff);
        Expectations.Expect(key, plan.Create, plan.Delete.Select(p => p.Metadata.Uid ?? ""));
        var prototype = plan.Create > 0 ? PodFor(job) : null;
        var status = ControllerWrites.SameJson(job.Status, plan.Status) ? null : plan.Status;
        return Execute(key, job, prototype, plan, status, Store, Settings.RequestTimeout, Expectations);
    }

    private static Pod PodFor(Job job)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [JobNameLabel] = job.Metadata.Name ?? "",
            [ControllerUidLabel] = job.Metadata.Uid ?? "",
        };
        return PodControl.FromTemplate(job.Spec.Template, job, labels);
    }

    private static async Task<SyncOutcome> Execute(string key, Job job, Pod? prototype, JobPlan plan, JobStatus? status, IActorRef store, TimeSpan timeout, ControllerExpectations expectations)
    {
        var errors = new List<string>();
        var created = prototype is null ? new BatchResult(0, 0, [], null) : await PodControl.CreateAsync(store, prototype, plan.Create, timeout).ConfigureAwait(false);
        var deleted = plan.Delete.Count == 0 ? new BatchResult(0, 0, [], null) : await PodControl.DeleteAsync(store, plan.Delete, timeout).ConfigureAwait(false);
        if (created.Error is not null) errors.Add(created.Error);
        if (deleted.Error is not null) errors.Add(deleted.Error);
        if (status is not null)
        {
            var update = ObjectCodec.Copy(job);
            update.Metadata.ResourceVersion = null; // this controller is the status's only writer
            update.Status = status;
            await StoreWrites.Send(store, new UpdateObjectStatus(update), timeout, errors, $"update status of job {key}").ConfigureAwait(false);
        }

        return new SyncOutcome(errors.Count == 0 ? null : string.Join("; ", errors), plan.RequeueAfter, () =>
        {
            for (var i = 0; i < created.FailedCount; i++) expectations.CreationObserved(key);
            foreach (var uid in deleted.FailedUids) expectations.DeletionObserved(key, uid);
        });
    }
}
