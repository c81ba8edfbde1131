using System.Globalization;
using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Controllers.Jobs;
using Orchestrator.Actors.Informers;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Controllers.CronJobs;

/// <summary>
/// Starts a Job for each scheduled time of each CronJob (<see cref="CronJobRules"/>): the Job is named after
/// the scheduled minute, so starting it twice is harmless (the second create finds it); applies the
/// concurrency policy, deletes finished Jobs beyond the history limits and writes status (active,
/// lastScheduleTime, lastSuccessfulTime). Watches CronJobs and Jobs; time comes from the injected
/// <see cref="TimeProvider"/>, so specs move a clock instead of waiting minutes.
/// </summary>
public sealed class CronJobController : ControllerBase
{
    /// <summary>Every CronJob.</summary>
    public static readonly InformerSpec CronJobs = new("batch", "CronJob");

    /// <summary>Annotation on a Job with the time it was scheduled for (RFC 3339).</summary>
    public const string ScheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp";

    private readonly CronJobSettings _cronSettings;
    private readonly TimeProvider _clock;

    /// <summary>A controller writing through <paramref name="store"/>.</summary>
    public CronJobController(IActorRef store, ControllerSettings settings, CronJobSettings cronSettings, TimeProvider clock)
        : base(store, settings)
    {
        _cronSettings = cronSettings;
        _clock = clock;
        Inform(CronJobs);
        Inform(JobController.Jobs);
    }

    /// <inheritdoc />
    protected override string Name => "cronjob-controller";

    /// <summary>Props of the controller (<paramref name="clock"/> default: the system clock).</summary>
    public static Props Props(IActorRef store, ControllerSettings settings, CronJobSettings? cronSettings = null, TimeProvider? clock = null) =>
        Runtime.Props.Create(() => new CronJobController(store, settings, cronSettings ?? CronJobSettings.Default, clock ?? TimeProvider.System));

    /// <inheritdoc />
    protected override void OnNotification(InformerNotification notification)
    {
        if (notification.Source == CronJobs)
        {
            foreach (var key in OwnerNotifications.Keys(notification)) Enqueue(key);
            return;
        }

        foreach (var job in Changed(notification))
        {
            if (OwnerReferences.ControllerOf(job) is { Kind: "CronJob" } owner) Enqueue(CacheKeys.Of(job.Metadata.Namespace, owner.Name));
        }
    }

    /// <inheritdoc />
    protected override Task<SyncOutcome> Sync(string key)
    {
        if (!Cache(CronJobs).TryGetValue(key, out var obj) || obj is not CronJob cronJob || cronJob.Metadata.DeletionTimestamp is not null)
            return SyncOutcome.DoneTask;
        if (!CronSchedule.TryParse(cronJob.Spec.Schedule, out var schedule, out var error))
            return Task.FromResult(SyncOutcome.Failed($"cronjob {key}: unparseable schedule: {error}"));

        TimeZoneInfo? zone = null;
        if (cronJob.Spec.TimeZone is { Length: > 0 } zoneName && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out zone))
            return Task.FromResult(SyncOutcome.Failed($"cronjob {key}: unknown time zone {zoneName}"));

        var jobs = Cache(JobController.Jobs).Values.OfType<Job>()
            .Where(j => j.Metadata.Namespace == cronJob.Metadata.Namespace && OwnerReferences.IsControlledBy(j, cronJob)).ToList();
        var plan = CronJobRules.Reconcile(cronJob, schedule!, jobs, _clock.GetUtcNow(), zone);
        var toCreate = plan.Run is { } run ? JobFor(cronJob, run) : null;
        var requeue = plan.RequeueAfter is { } after && after < _cronSettings.MaxRequeue ? after : _cronSettings.MaxRequeue;
        return Execute(key, cronJob, plan, toCreate, requeue, Store, Settings.RequestTimeout);
    }

    private static Job JobFor(CronJob cronJob, DateTimeOffset scheduled)
    {
        var template = cronJob.Spec.JobTemplate;
        var annotations = new Dictionary<string, string>(template.Metadata?.Annotations ?? [], StringComparer.Ordinal)
        {
            [ScheduledTimestampAnnotation] = scheduled.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        var job = new Job
        {
            Metadata = new ObjectMeta
            {
                Name = CronJobRules.JobName(cronJob.Metadata.Name!, scheduled),
                Namespace = cronJob.Metadata.Namespace,
                Labels = template.Metadata?.Labels is { } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : null,
                Annotations = annotations,
                OwnerReferences = [OwnerReferences.ControllerReference(cronJob)],
            },
            Spec = template.Spec,
        };
        return ObjectCodec.Copy(job); // the spec is the CronJob's: the Job gets its own
    }

    private static async Task<SyncOutcome> Execute(string key, CronJob cronJob, CronJobPlan plan, Job? toCreate, TimeSpan requeue, IActorRef store, TimeSpan timeout)
    {
        var errors = new List<string>();
        var background = new DeleteOptions(PropagationPolicy: PropagationPolicy.Background);
        foreach (var job in plan.DeleteActive.Concat(plan.DeleteHistory))
            await StoreWrites.Send(store, new DeleteObject(KeyOf(job), background with { PreconditionUid = job.Metadata.Uid }), timeout, errors, $"delete job {job.Metadata.Name}", ignoreNotFound: true).ConfigureAwait(false);

        var status = plan.Status;
        if (toCreate is not null && errors.Count == 0)
        {
            if (await CreateJob(store, toCreate, timeout, errors).ConfigureAwait(false) is { } created)
            {
                status.LastScheduleTime = plan.Run;
                if (!(status.Active ?? []).Any(a => a.Name == created.Metadata.Name))
                    (status.Active ??= []).Add(new ObjectReference { ApiVersion = created.ApiVersion, Kind = created.Kind, Name = created.Metadata.Name, Namespace = created.Metadata.Namespace, Uid = created.Metadata.Uid });
            }
        }

        if (!ControllerWrites.SameJson(cronJob.Status, status))
        {
            var update = ObjectCodec.Copy(cronJob);
            update.Metadata.ResourceVersion = null; // this controller is the status's only writer
            update.Status = status;
            await StoreWrites.Send(store, new UpdateObjectStatus(update), timeout, errors, $"update status of cronjob {key}").ConfigureAwait(false);
        }

        return new SyncOutcome(errors.Count == 0 ? null : string.Join("; ", errors), requeue);
    }

    /// <summary>Creates the Job of a run; one that already exists (an earlier sync made it) counts as created. Null on failure.</summary>
    private static async Task<Job?> CreateJob(IActorRef store, Job job, TimeSpan timeout, List<string> errors)
    {
        try
        {
            var reply = await store.Ask<ObjectReply>(new CreateObject(job), timeout).ConfigureAwait(false);
            if (reply.IsSuccess) return (Job)reply.Object!;
            if (reply.Error!.Reason != StatusError.AlreadyExistsReason)
            {
                errors.Add($"create job {job.Metadata.Name}: {reply.Error}");
                return null;
            }

            var existing = await store.Ask<ObjectReply>(new GetObject(KeyOf(job)), timeout).ConfigureAwait(false);
            return existing.Object as Job;
        }
        catch (AskTimeoutException e)
        {
            errors.Add($"create job {job.Metadata.Name}: {e.Message}");
            return null;
        }
    }

    private static ObjectKey KeyOf(Job job) => new("batch", "Job", job.Metadata.Namespace, job.Metadata.Name!);
}
