using Orchestrator.Actors.Controllers.Autoscaling;
using Orchestrator.Actors.Controllers.ReplicaSets;
using Orchestrator.Actors.Tests.Simulation;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Autoscaling.V2;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;

namespace Orchestrator.Actors.Tests.Controllers.Autoscaling;

/// <summary>The autoscaler driving a ReplicaSet on a simulated node, with a load the spec sets and a clock it moves.</summary>
public sealed class HorizontalPodAutoscalerControllerSpec() : ScenarioSpec("orchestrator.controllers.hpa.sync-period = 100ms")
{
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly SpreadLoadMetrics _load = new();

    private static HorizontalPodAutoscaler Autoscaler(string target, int min, int max, int utilization) => new()
    {
        Metadata = new ObjectMeta { Name = target, Namespace = "default" },
        Spec = new HorizontalPodAutoscalerSpec
        {
            ScaleTargetRef = new CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = target },
            MinReplicas = min,
            MaxReplicas = max,
            Metrics = [new MetricSpec { Type = "Resource", Resource = new ResourceMetricSource { Name = "cpu", Target = new MetricTarget { Type = "Utilization", AverageUtilization = utilization } } }],
        },
    };

    private async Task<ReplicaSet> StartWeb(int replicas)
    {
        StartNode("sim-1");
        Sys.ActorOf(ReplicaSetController.Props(Store, ControllerSettings), "rs-controller");
        Sys.ActorOf(HorizontalPodAutoscalerController.Props(Store, ControllerSettings, HpaSettings.From(Sys.Config), _load, _clock), "hpa-controller");
        var rs = TestWorkloads.ReplicaSet("web", replicas, node: "sim-1");
        rs.Spec.Template!.Spec.Containers[0].Resources = new ResourceRequirements { Requests = new() { ["cpu"] = "100m" } };
        return await Created(rs);
    }

    private async Task AwaitReplicas(ReplicaSet rs, int replicas) => await AwaitAssertAsync(async () =>
        Assert.Equal(replicas, ((ReplicaSet)(await Get(KeyOf(rs))).Object!).Spec.Replicas), Converge, TimeSpan.FromMilliseconds(50));

    private async Task<HorizontalPodAutoscalerStatus?> StatusOf(HorizontalPodAutoscaler hpa) => ((HorizontalPodAutoscaler)(await Get(KeyOf(hpa))).Object!).Status;

    [Fact]
    public async Task Scales_up_on_high_usage_and_down_only_after_the_stabilization_window()
    {
        var rs = await StartWeb(2);
        _load.SetTotal(180); // 90% of two pods' 100m requests; 50% is the target
        var hpa = await Created(Autoscaler("web", 1, 6, 50));

        await AwaitReplicas(rs, 4); // ceil(2 × 90 / 50); then 45% per pod is within tolerance
        await AwaitAssertAsync(async () =>
        {
            var status = await StatusOf(hpa);
            Assert.Equal((4, 4), (status?.CurrentReplicas, status?.DesiredReplicas));
            Assert.Equal(45, status!.CurrentMetrics!.Single().Resource!.Current.AverageUtilization);
            Assert.Contains(status.Conditions!, c => c is { Type: "ScalingActive", Status: "True", Reason: "ValidMetricFound" });
        }, Converge, TimeSpan.FromMilliseconds(50));

        _load.SetTotal(40); // 10% per pod: the proposal drops to 1, the window holds 4
        await AwaitAssertAsync(async () =>
            Assert.Contains((await StatusOf(hpa))?.Conditions ?? [], c => c is { Type: "AbleToScale", Reason: "ScaleDownStabilized" }), Converge, TimeSpan.FromMilliseconds(50));
        Assert.Equal(4, ((ReplicaSet)(await Get(KeyOf(rs))).Object!).Spec.Replicas);

        _clock.Advance(TimeSpan.FromSeconds(301));
        await AwaitReplicas(rs, 1);
        await AwaitAssertAsync(async () => Assert.Equal(1, (await StatusOf(hpa))?.DesiredReplicas), Converge, TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task The_maximum_bounds_scale_up_and_is_reported()
    {
        var rs = await StartWeb(2);
        _load.SetTotal(2000);
        var hpa = await Created(Autoscaler("web", 1, 3, 50));

        await AwaitReplicas(rs, 3);
        await AwaitAssertAsync(async () =>
            Assert.Contains((await StatusOf(hpa))?.Conditions ?? [], c => c is { Type: "ScalingLimited", Status: "True", Reason: Stabilizer.TooManyReplicas }), Converge, TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task A_missing_target_is_reported_and_nothing_scales()
    {
        StartNode("sim-1");
        Sys.ActorOf(HorizontalPodAutoscalerController.Props(Store, ControllerSettings, HpaSettings.From(Sys.Config), _load, _clock), "hpa-controller");
        var hpa = await Created(Autoscaler("ghost", 1, 3, 50));

        await AwaitAssertAsync(async () =>
            Assert.Contains((await StatusOf(hpa))?.Conditions ?? [], c => c is { Type: "AbleToScale", Status: "False", Reason: "FailedGetScale" }), Converge, TimeSpan.FromMilliseconds(50));
    }
}
