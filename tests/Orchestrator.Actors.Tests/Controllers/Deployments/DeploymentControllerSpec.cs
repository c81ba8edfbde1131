using Orchestrator.Actors.Controllers.Deployments;
using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Controllers.ReplicaSets;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Actors.Tests.Simulation;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.TestKit;

namespace Orchestrator.Actors.Tests.Controllers.Deployments;

public sealed class DeploymentControllerSpec : ScenarioSpec
{
    private const string V1 = "nginx:1.27";
    private const string V2 = "nginx:1.28";

    [Fact]
    public async Task A_new_Deployment_converges_with_revision_1_and_complete_status()
    {
        StartControllers();
        var d = await Created(TestWorkloads.Deployment("web", 4, node: "sim-1"));

        var done = await AwaitRolledOut(d, V1);

        Assert.Equal("1", done.Metadata.Annotation(Revisions.Annotation));
        Assert.Equal("True", DeploymentConditions.Get(done.Status, DeploymentConditions.Available)!.Status);
        Assert.Equal(DeploymentConditions.NewReplicaSetAvailable, DeploymentConditions.Get(done.Status, DeploymentConditions.Progressing)!.Reason);
        var rs = Assert.Single(await ReplicaSetsOf(d));
        Assert.StartsWith("web-", rs.Metadata.Name);
        Assert.NotNull(rs.Spec.Selector!.MatchLabels![TemplateHash.Label]);
    }

    [Fact]
    public async Task Scaling_a_Deployment_resizes_its_one_ReplicaSet()
    {
        StartControllers();
        var d = await Created(TestWorkloads.Deployment("web", 2, node: "sim-1"));
        await AwaitRolledOut(d, V1);

        foreach (var replicas in new[] { 7, 3 })
        {
            var current = await Current(d);
            current.Spec.Replicas = replicas;
            Assert.True((await Update(current)).IsSuccess);
            await AwaitRolledOut(current, V1);
            var rs = Assert.Single(await ReplicaSetsOf(d));
            Assert.Equal(replicas, rs.Spec.Replicas);
            Assert.Equal("1", rs.Metadata.Annotation(Revisions.Annotation)); // a scale is not a new revision
        }
    }

    [Theory]
    [InlineData("2", "1")]
    [InlineData("25%", "25%")]
    [InlineData("0", "2")]
    public async Task A_rolling_update_stays_within_maxSurge_and_maxUnavailable_in_every_observed_state(string maxSurge, string maxUnavailable)
    {
        const int replicas = 6;
        StartControllers();
        var d = await Created(TestWorkloads.Deployment("web", replicas, node: "sim-1", maxSurge: maxSurge, maxUnavailable: maxUnavailable));
        await AwaitRolledOut(d, V1);
        var (surge, unavailable) = RolloutMath.Fenceposts(
            int.TryParse(maxSurge, out var s) ? s : maxSurge, int.TryParse(maxUnavailable, out var u) ? u : maxUnavailable, replicas);

        // Every pod change from the list's resourceVersion on, applied one by one: the invariants hold in each state.
        var listed = await ListPods(labels: "app=web");
        var pods = listed.Items.OfType<Pod>().ToDictionary(p => p.Metadata.Name!);
        var (watch, _) = OpenWatch(new WatchObjects("", "Pod", "default", "app=web", ResourceVersion: listed.ResourceVersion));
        await SetImage(d, V2);

        var states = 0;
        while (!RolledOut(pods.Values, replicas, V2))
        {
            var e = NextChange(watch, Converge);
            var pod = (Pod)e.Object!;
            if (e.Type == WatchEventType.Deleted) pods.Remove(pod.Metadata.Name!);
            else pods[pod.Metadata.Name!] = pod;
            states++;
            var active = pods.Values.Count(PodConditions.IsActive);
            var ready = pods.Values.Count(p => PodConditions.IsActive(p) && PodConditions.IsReady(p));
            Assert.True(active <= replicas + surge, $"{active} pods exceed {replicas} + maxSurge {surge} after {states} changes");
            Assert.True(ready >= replicas - unavailable, $"{ready} ready pods are below {replicas} - maxUnavailable {unavailable} after {states} changes");
        }

        await AwaitRolledOut(d, V2);
    }

    [Fact]
    public async Task Rollback_restores_the_previous_template_as_a_new_revision()
    {
        StartControllers();
        var d = await Created(TestWorkloads.Deployment("web", 3, node: "sim-1"));
        await AwaitRolledOut(d, V1);
        await SetImage(d, V2);
        Assert.Equal("2", (await AwaitRolledOut(d, V2)).Metadata.Annotation(Revisions.Annotation));

        var reply = await DeploymentRollback.RollbackAsync(Store, "default", "web", 0, RequestTimeout);
        Assert.True(reply.IsSuccess, reply.Error?.ToString());

        var back = await AwaitRolledOut(d, V1);
        Assert.Equal("3", back.Metadata.Annotation(Revisions.Annotation));
        var sets = await ReplicaSetsOf(d);
        Assert.Equal(2, sets.Count); // the revision-1 ReplicaSet was reused, not copied
        Assert.Equal("3", sets.Single(rs => rs.Spec.Template!.Spec.Containers[0].Image == V1).Metadata.Annotation(Revisions.Annotation));
    }

    [Fact]
    public async Task Rollback_without_an_earlier_revision_is_refused_with_a_clear_error()
    {
        StartControllers();
        var d = await Created(TestWorkloads.Deployment("web", 1, node: "sim-1"));
        await AwaitRolledOut(d, V1);

        var reply = await DeploymentRollback.RollbackAsync(Store, "default", "web", 0, RequestTimeout);

        Assert.Equal("BadRequest", reply.Error?.Reason);
        Assert.Contains("default/web has no previous revision", reply.Error!.Message);
    }

    [Fact]
    public async Task Recreate_removes_every_old_pod_before_creating_new_ones()
    {
        StartControllers();
        var spec = TestWorkloads.Deployment("web", 3, node: "sim-1");
        spec.Spec.Strategy = new DeploymentStrategy { Type = DeploymentStrategyType.Recreate };
        var d = await Created(spec);
        await AwaitRolledOut(d, V1);
        var listed = await ListPods(labels: "app=web");
        var pods = listed.Items.OfType<Pod>().ToDictionary(p => p.Metadata.Name!);
        var (watch, _) = OpenWatch(new WatchObjects("", "Pod", "default", "app=web", ResourceVersion: listed.ResourceVersion));

        await SetImage(d, V2);

        while (!RolledOut(pods.Values, 3, V2))
        {
            var e = NextChange(watch, Converge);
            var pod = (Pod)e.Object!;
            if (e.Type == WatchEventType.Deleted) pods.Remove(pod.Metadata.Name!);
            else pods[pod.Metadata.Name!] = pod;
            var images = pods.Values.Where(p => p.Metadata.DeletionTimestamp is null).Select(p => p.Spec.Containers[0].Image).Distinct().ToList();
            Assert.True(images.Count <= 1, "old and new pods ran at the same time: " + string.Join(", ", images));
        }
    }

    [Fact]
    public async Task A_paused_Deployment_does_not_roll_out_until_resumed()
    {
        StartControllers();
        var d = await Created(TestWorkloads.Deployment("web", 2, node: "sim-1"));
        await AwaitRolledOut(d, V1);
        var paused = await Current(d);
        paused.Spec.Paused = true;
        Assert.True((await Update(paused)).IsSuccess);
        await AwaitAssertAsync(async () =>
            Assert.Equal(DeploymentConditions.DeploymentPaused, DeploymentConditions.Get((await Current(d)).Status, DeploymentConditions.Progressing)?.Reason), Converge);

        await SetImage(d, V2);
        ExpectNoMsg(TimeSpan.FromSeconds(1)); // time for a controller that ignores pause to act
        Assert.Single(await ReplicaSetsOf(d));

        var resumed = await Current(d);
        resumed.Spec.Paused = false;
        Assert.True((await Update(resumed)).IsSuccess);
        await AwaitRolledOut(d, V2);
    }

    [Fact]
    public async Task A_rollout_without_progress_reports_ProgressDeadlineExceeded()
    {
        StartControllers(podsReady: false);
        var spec = TestWorkloads.Deployment("web", 2, node: "sim-1");
        spec.Spec.ProgressDeadlineSeconds = 2;
        var d = await Created(spec);

        await AwaitAssertAsync(async () =>
        {
            var condition = DeploymentConditions.Get((await Current(d)).Status, DeploymentConditions.Progressing);
            Assert.Equal(("False", DeploymentConditions.ProgressDeadlineExceeded), (condition?.Status, condition?.Reason));
        }, Converge, TimeSpan.FromMilliseconds(200));
        Assert.Equal("False", DeploymentConditions.Get((await Current(d)).Status, DeploymentConditions.Available)?.Status);
    }

    [Fact]
    public async Task Old_ReplicaSets_beyond_revisionHistoryLimit_are_deleted()
    {
        StartControllers();
        var spec = TestWorkloads.Deployment("web", 1, node: "sim-1");
        spec.Spec.RevisionHistoryLimit = 1;
        var d = await Created(spec);
        await AwaitRolledOut(d, V1);
        foreach (var image in new[] { "nginx:a", "nginx:b", "nginx:c" })
        {
            await SetImage(d, image);
            await AwaitRolledOut(d, image);
        }

        await AwaitAssertAsync(async () => Assert.Equal(2, (await ReplicaSetsOf(d)).Count), Converge);
    }

    [Fact]
    public async Task A_ReplicaSet_already_holding_the_hashed_name_bumps_collisionCount_and_the_rollout_goes_on()
    {
        var spec = TestWorkloads.Deployment("web", 2, node: "sim-1");
        // The controller hashes the template as stored, with the apiserver's defaults filled in.
        Model.Defaulting.ObjectDefaulter.Apply(spec);
        var squatter = TestWorkloads.ReplicaSet("web-" + TemplateHash.Of(spec.Spec.Template, null), 0, node: "sim-1");
        squatter.Spec.Selector!.MatchLabels = new() { ["app"] = "other" };
        squatter.Spec.Template!.Metadata!.Labels = new() { ["app"] = "other" };
        await Created(squatter);
        StartControllers();

        var d = await Created(spec);

        var done = await AwaitRolledOut(d, V1);
        Assert.Equal(1, done.Status!.CollisionCount);
        Assert.Contains(await ReplicaSetsOf(d), rs => rs.Metadata.Name == "web-" + TemplateHash.Of(spec.Spec.Template, 1));
    }

    private void StartControllers(bool podsReady = true)
    {
        StartNode("sim-1", podsReady: podsReady);
        Sys.ActorOf(ReplicaSetController.Props(Store, ControllerSettings), "rs-controller");
        Sys.ActorOf(DeploymentController.Props(Store, ControllerSettings), "deployment-controller");
    }

    private async Task<Deployment> Current(Deployment d) => (Deployment)(await Get(KeyOf(d))).Object!;

    private async Task SetImage(Deployment d, string image)
    {
        var current = await Current(d);
        current.Spec.Template.Spec.Containers[0].Image = image;
        Assert.True((await Update(current)).IsSuccess);
    }

    private async Task<List<ReplicaSet>> ReplicaSetsOf(Deployment d) =>
        (await List(new ListObjects("apps", "ReplicaSet", "default"))).Items.OfType<ReplicaSet>()
            .Where(rs => OwnerReferences.ControllerOf(rs)?.Uid == d.Metadata.Uid).ToList();

    /// <summary>Waits until the Deployment reports its rollout of <paramref name="image"/> complete and its pods agree.</summary>
    private async Task<Deployment> AwaitRolledOut(Deployment d, string image)
    {
        Deployment? done = null;
        var replicas = d.Spec.Replicas ?? 1;
        await AwaitAssertAsync(async () =>
        {
            var current = await Current(d);
            Assert.Equal(image, current.Spec.Template.Spec.Containers[0].Image);
            var status = current.Status;
            Assert.NotNull(status);
            Assert.Equal(current.Metadata.Generation, status.ObservedGeneration);
            Assert.Equal((replicas, replicas, replicas, replicas, 0), (status.Replicas, status.UpdatedReplicas, status.ReadyReplicas, status.AvailableReplicas, status.UnavailableReplicas));
            Assert.True(RolledOut((await ListPods(labels: "app=web")).Items.OfType<Pod>(), replicas, image), "the pods do not match the rollout yet");
            done = current;
        }, Converge, TimeSpan.FromMilliseconds(100));
        return done!;
    }

    private static bool RolledOut(IEnumerable<Pod> pods, int replicas, string image)
    {
        var all = pods.ToList();
        return all.Count == replicas && all.All(p => PodConditions.IsActive(p) && PodConditions.IsReady(p) && p.Spec.Containers[0].Image == image);
    }
}
