using System.Text.Json.Nodes;
using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Informers;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Autoscaling.V2;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Labels;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Primitives;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Controllers.Autoscaling;

/// <summary>
/// Scales Deployments, ReplicaSets and StatefulSets on their pods' average cpu utilization (autoscaling/v2,
/// metric type Resource, name cpu, target AverageUtilization; default 80%). Every sync period each autoscaler
/// reads its target's pods from the informers and their usage from an <see cref="IPodMetricsSource"/>, computes
/// a proposal (<see cref="ReplicaCalculator"/>), bounds and stabilizes it (<see cref="Stabilizer"/>) and limits its
/// rate (<see cref="ScalingPolicies"/>; recommendations and scale events are kept here, in memory, as Kubernetes does), sets the target's spec.replicas, and
/// writes status with currentMetrics and the AbleToScale / ScalingActive / ScalingLimited conditions.
/// </summary>
/// <remarks>Rate limits per period come from <see cref="ScalingPolicies"/>. Not done: metric types other than cpu Resource.</remarks>
public sealed class HorizontalPodAutoscalerController : ControllerBase
{
    /// <summary>Every HorizontalPodAutoscaler.</summary>
    public static readonly InformerSpec Autoscalers = new("autoscaling", "HorizontalPodAutoscaler");

    private const int DefaultUtilization = 80;
    private static readonly InformerSpec Deployments = InformerSpec.Deployments;
    private static readonly InformerSpec ReplicaSets = InformerSpec.ReplicaSets;
    private static readonly InformerSpec StatefulSets = new("apps", "StatefulSet");
    private static readonly InformerSpec Pods = InformerSpec.Pods;

    private readonly HpaSettings _hpaSettings;
    private readonly IPodMetricsSource _metrics;
    private readonly TimeProvider _clock;
    private readonly Dictionary<string, IReadOnlyList<Recommendation>> _history = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<ScaleEvent>> _events = new(StringComparer.Ordinal);

    /// <summary>A controller writing through <paramref name="store"/>, reading usage from <paramref name="metrics"/>.</summary>
    public HorizontalPodAutoscalerController(IActorRef store, ControllerSettings settings, HpaSettings hpaSettings, IPodMetricsSource metrics, TimeProvider clock)
        : base(store, settings)
    {
        _hpaSettings = hpaSettings;
        _metrics = metrics;
        _clock = clock;
        Inform(Autoscalers);
        Inform(Deployments);
        Inform(ReplicaSets);
        Inform(StatefulSets);
        Inform(Pods);
    }

    /// <inheritdoc />
    protected override string Name => "horizontal-pod-autoscaler";

    /// <summary>Props of the controller (<paramref name="clock"/> default: the system clock).</summary>
    public static Props Props(IActorRef store, ControllerSettings settings, HpaSettings hpaSettings, IPodMetricsSource metrics, TimeProvider? clock = null) =>
        Runtime.Props.Create(() => new HorizontalPodAutoscalerController(store, settings, hpaSettings, metrics, clock ?? TimeProvider.System));

    /// <inheritdoc />
    protected override void OnNotification(InformerNotification notification)
    {
        // Autoscalers act on a period, not on every pod event: only their own changes start a sync early.
        if (notification.Source != Autoscalers) return;
        if (notification is ObjectDeleted deleted)
        {
            _history.Remove(CacheKeys.Of(deleted.LastState));
            _events.Remove(CacheKeys.Of(deleted.LastState));
        }
        foreach (var key in OwnerNotifications.Keys(notification)) Enqueue(key);
    }

    /// <inheritdoc />
    protected override Task<SyncOutcome> Sync(string key)
    {
        if (!Cache(Autoscalers).TryGetValue(key, out var obj) || obj is not HorizontalPodAutoscaler hpa)
        {
            _history.Remove(key);
            _events.Remove(key);
            return SyncOutcome.DoneTask;
        }

        var now = _clock.GetUtcNow();
        var reference = hpa.Spec.ScaleTargetRef;
        var ns = hpa.Metadata.Namespace;
        var informer = reference.Kind switch { "Deployment" => Deployments, "ReplicaSet" => ReplicaSets, "StatefulSet" => StatefulSets, _ => null };
        IKubernetesObject? target = null;
        if (informer is not null) Cache(informer).TryGetValue(CacheKeys.Of(ns, reference.Name), out target);
        var scale = target is null ? null : ScaleOf(target);
        var input = new Input(key, hpa, target, scale, now, _history.GetValueOrDefault(key) ?? [], _events.GetValueOrDefault(key) ?? []);
        if (scale is { } s)
        {
            var selector = Selector.FromLabelSelector(s.Selector);
            input = input with
            {
                Pods = Cache(Pods).Values.OfType<Pod>()
                    .Where(p => p.Metadata.Namespace == ns && PodConditions.IsActive(p) && selector.MatchesLabelsOf(p)).ToList(),
            };
        }

        return Decide(input, _hpaSettings, _metrics, Store, Settings.RequestTimeout, (history, events) =>
        {
            _history[key] = history;
            _events[key] = events;
        });
    }

    /// <summary>The scale subresource of a target: its replicas and pod selector.</summary>
    private sealed record Scale(int Replicas, LabelSelector? Selector, string Group);

    /// <summary>Everything the asynchronous part of a sync needs, captured on the actor's thread.</summary>
    private sealed record Input(string Key, HorizontalPodAutoscaler Hpa, IKubernetesObject? Target, Scale? Scale, DateTimeOffset Now,
        IReadOnlyList<Recommendation> History, IReadOnlyList<ScaleEvent> Events)
    {
        public IReadOnlyList<Pod> Pods { get; init; } = [];
    }

    private static Scale? ScaleOf(IKubernetesObject target) => target switch
    {
        Deployment d => new Scale(d.Spec.Replicas ?? 1, d.Spec.Selector, "apps"),
        ReplicaSet r => new Scale(r.Spec.Replicas ?? 1, r.Spec.Selector, "apps"),
        StatefulSet s => new Scale(s.Spec.Replicas ?? 1, s.Spec.Selector, "apps"),
        _ => null,
    };

    private static async Task<SyncOutcome> Decide(Input input, HpaSettings settings, IPodMetricsSource metrics, IActorRef store, TimeSpan timeout, Action<IReadOnlyList<Recommendation>, IReadOnlyList<ScaleEvent>> keep)
    {
        var hpa = input.Hpa;
        var status = new HorizontalPodAutoscalerStatus
        {
            ObservedGeneration = hpa.Metadata.Generation,
            LastScaleTime = hpa.Status?.LastScaleTime,
            Conditions = hpa.Status?.Conditions?.ToList() ?? [],
        };
        var errors = new List<string>();
        IReadOnlyList<Recommendation>? history = null;
        var events = input.Events;

        if (input.Scale is not { } scale)
        {
            SetCondition(status, "AbleToScale", "False", "FailedGetScale", $"the HPA controller was unable to get the target's current scale: {hpa.Spec.ScaleTargetRef.Kind} {hpa.Spec.ScaleTargetRef.Name} not found", input.Now);
            status.DesiredReplicas = hpa.Status?.DesiredReplicas ?? 0;
        }
        else if (scale.Replicas == 0 && (hpa.Spec.MinReplicas ?? 1) > 0)
        {
            SetCondition(status, "AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale", input.Now);
            SetCondition(status, "ScalingActive", "False", "ScalingDisabled", "scaling is disabled since the replica count of the target is zero", input.Now);
            status.CurrentReplicas = 0;
            status.DesiredReplicas = 0;
        }
        else if (CpuTarget(hpa) is not { } targetUtilization)
        {
            SetCondition(status, "ScalingActive", "False", "InvalidMetricSourceType", "only a Resource metric on cpu with an AverageUtilization target is supported", input.Now);
            status.CurrentReplicas = scale.Replicas;
            status.DesiredReplicas = scale.Replicas;
        }
        else
        {
            status.CurrentReplicas = scale.Replicas;
            IReadOnlyDictionary<string, long> usage;
            try
            {
                usage = await metrics.CpuUsageMilli(hpa.Metadata.Namespace ?? "default", input.Pods.Select(p => p.Metadata.Name!).ToList(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                usage = new Dictionary<string, long>();
                errors.Add($"read pod metrics: {e.Message}");
            }

            var samples = input.Pods.Select(p => new PodSample(p.Metadata.Name!, PodConditions.IsReady(p), CpuRequestMilli(p),
                usage.TryGetValue(p.Metadata.Name!, out var u) ? u : null)).ToList();
            var proposal = ReplicaCalculator.ForCpu(scale.Replicas, samples, targetUtilization, settings.Tolerance);
            SetCondition(status, "AbleToScale", "True", "SucceededGetScale", "the HPA controller was able to get the target's current scale", input.Now);
            if (proposal.Error is { } error)
            {
                SetCondition(status, "ScalingActive", "False", "FailedGetResourceMetric", $"the HPA was unable to compute the replica count: {error}", input.Now);
                status.DesiredReplicas = scale.Replicas;
            }
            else
            {
                SetCondition(status, "ScalingActive", "True", "ValidMetricFound", "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)", input.Now);
                status.CurrentMetrics =
                [
                    new MetricStatus
                    {
                        Type = "Resource",
                        Resource = new ResourceMetricStatus
                        {
                            Name = "cpu",
                            Current = new MetricValueStatus
                            {
                                AverageUtilization = proposal.Utilization,
                                AverageValue = Quantity.FromMilliValue(samples.Count(s => s.CpuUsageMilli is not null) is var n and > 0 ? samples.Sum(s => s.CpuUsageMilli ?? 0) / n : 0),
                            },
                        },
                    },
                ];
                var behavior = hpa.Spec.Behavior;
                var upWindow = TimeSpan.FromSeconds(behavior?.ScaleUp?.StabilizationWindowSeconds ?? 0);
                var downWindow = behavior?.ScaleDown?.StabilizationWindowSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : settings.DownscaleStabilization;
                var decision = Stabilizer.Decide(scale.Replicas, proposal.Replicas, hpa.Spec.MinReplicas ?? 1, hpa.Spec.MaxReplicas, input.History, input.Now, upWindow, downWindow);
                history = decision.History;
                var replicas = ScalingPolicies.Limit(scale.Replicas, decision.Replicas, behavior?.ScaleUp, behavior?.ScaleDown, input.Events, input.Now);
                status.DesiredReplicas = replicas;
                SetCondition(status, "ScalingLimited", decision.Limited is null ? "False" : "True", decision.Limited ?? "DesiredWithinRange",
                    decision.Limited is null ? "the desired count is within the acceptable range" : $"the desired replica count is {(decision.Limited == Stabilizer.TooFewReplicas ? "less than the minimum" : "more than the maximum")} replica count", input.Now);
                if (replicas != decision.Replicas)
                {
                    var up = decision.Replicas > scale.Replicas;
                    SetCondition(status, "ScalingLimited", "True", up ? "ScaleUpLimit" : "ScaleDownLimit",
                        $"the desired replica count is {(up ? "increasing" : "decreasing")} faster than the maximum scale rate", input.Now);
                }
                if (replicas != scale.Replicas)
                {
                    var patch = new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } };
                    var targetKey = new ObjectKey(scale.Group, input.Target!.Kind, input.Target.Metadata.Namespace, input.Target.Metadata.Name!);
                    var reply = await StoreWrites.Send(store, new PatchObject(targetKey, PatchType.Merge, patch), timeout, errors, $"scale {targetKey}").ConfigureAwait(false);
                    if (reply is not null)
                    {
                        status.LastScaleTime = input.Now;
                        events = ScalingPolicies.Record(input.Events, replicas - scale.Replicas, input.Now, behavior?.ScaleUp, behavior?.ScaleDown);
                        SetCondition(status, "AbleToScale", "True", "SucceededRescale", $"the HPA controller was able to update the target scale to {replicas}", input.Now);
                    }
                }
                else if (decision.Stabilized)
                {
                    SetCondition(status, "AbleToScale", "True", "ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation", input.Now);
                }
                else
                {
                    SetCondition(status, "AbleToScale", "True", "ReadyForNewScale", "recommended size matches current size", input.Now);
                }
            }
        }

        if (!ControllerWrites.SameJson(hpa.Status, status))
        {
            var update = ObjectCodec.Copy(hpa);
            update.Metadata.ResourceVersion = null; // this controller is the status's only writer
            update.Status = status;
            await StoreWrites.Send(store, new UpdateObjectStatus(update), timeout, errors, $"update status of horizontalpodautoscaler {input.Key}").ConfigureAwait(false);
        }

        return new SyncOutcome(errors.Count == 0 ? null : string.Join("; ", errors), settings.SyncPeriod, history is null ? null : () => keep(history, events));
    }

    /// <summary>The cpu AverageUtilization target: the first Resource cpu metric's, or the default 80% when no metrics are given.</summary>
    private static int? CpuTarget(HorizontalPodAutoscaler hpa)
    {
        if (hpa.Spec.Metrics is not { Count: > 0 } metrics) return DefaultUtilization;
        var cpu = metrics.FirstOrDefault(m => m.Type == "Resource" && m.Resource?.Name == "cpu" && m.Resource.Target.Type == "Utilization");
        return cpu?.Resource?.Target.AverageUtilization;
    }

    private static long? CpuRequestMilli(Pod pod)
    {
        long total = 0;
        foreach (var container in pod.Spec.Containers)
        {
            if (container.Resources?.Requests?.TryGetValue("cpu", out var cpu) != true) return null;
            total += cpu.MilliValue;
        }

        return total;
    }

    private static void SetCondition(HorizontalPodAutoscalerStatus status, string type, string value, string reason, string message, DateTimeOffset now)
    {
        var conditions = status.Conditions ??= [];
        var index = conditions.FindIndex(c => c.Type == type);
        var transition = index >= 0 && conditions[index].Status == value ? conditions[index].LastTransitionTime : now;
        var condition = new HorizontalPodAutoscalerCondition { Type = type, Status = value, Reason = reason, Message = message, LastTransitionTime = transition };
        if (index >= 0) conditions[index] = condition;
        else conditions.Add(condition);
    }
}
