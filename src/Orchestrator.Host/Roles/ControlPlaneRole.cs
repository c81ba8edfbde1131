using Orchestrator.Actors.Admin;
using Orchestrator.Actors.Controllers.Autoscaling;
using Orchestrator.Actors.Controllers.CronJobs;
using Orchestrator.Actors.Controllers.DaemonSets;
using Orchestrator.Actors.Controllers.Deployments;
using Orchestrator.Actors.Controllers.Endpoints;
using Orchestrator.Actors.Controllers.Framework;
using Orchestrator.Actors.Controllers.Jobs;
using Orchestrator.Actors.Controllers.NodeLifecycle;
using Orchestrator.Actors.Controllers.ReplicaSets;
using Orchestrator.Actors.Controllers.StatefulSets;
using Orchestrator.Actors.Scheduling;
using Orchestrator.Actors.Scheduling.Settings;
using Orchestrator.Actors.Store.Front;
using Orchestrator.Actors.Store.Settings;
using Orchestrator.Actors.Store.Sharding;
using Orchestrator.Runtime;
using Orchestrator.Runtime.Singleton;

namespace Orchestrator.Host.Roles;

/// <summary>The actors of a control-plane process and their well-known names.</summary>
/// <param name="Store">The object store's front on this member, <c>/user/store</c>.</param>
/// <param name="Receptionist">Where clients find services, <c>/user/receptionist</c>.</param>
/// <param name="AdminConsole">The admin console, <c>/user/admin</c>.</param>
public sealed record ControlPlane(IActorRef Store, IActorRef Receptionist, IActorRef AdminConsole);

/// <summary>
/// Starts the control plane on a cluster member (role <see cref="Role"/>): this member's part of the object
/// store's shard region and a store front over it, a singleton manager for the scheduler and for each controller
/// (the oldest control-plane member runs them; the others take over when it leaves or dies), the receptionist
/// and the admin console. <c>orch up</c> is the same with one member.
/// </summary>
public static class ControlPlaneRole
{
    /// <summary>The cluster role of control-plane members (shards of the store and the singletons live on them).</summary>
    public const string Role = "control-plane";

    /// <summary>The object store's actor name.</summary>
    public const string StoreName = "store";

    /// <summary>The admin console's actor name.</summary>
    public const string AdminName = "admin";

    /// <summary>The name of every control loop's singleton manager, in start order (the scheduler first).</summary>
    public static IReadOnlyList<string> ControlLoopNames { get; } =
    [
        "scheduler", "replicaset-controller", "deployment-controller", "statefulset-controller", "daemonset-controller", "job-controller",
        "cronjob-controller", "node-lifecycle-controller", "endpoints-controller", "hpa-controller",
    ];

    /// <summary>Starts the store, the control loops' singleton managers, the receptionist and the admin console.</summary>
    public static ControlPlane Start(ActorSystem system)
    {
        var config = system.Config;
        var storeSettings = StoreSettings.From(config);
        var region = StoreSharding.StartRegion(system, storeSettings);
        var store = system.ActorOf(ObjectStore.Props(storeSettings, entityRegion: region), StoreName);
        StartControlLoops(system, store, storeSettings);
        var receptionist = system.ActorOf(Receptionist.Props(), Receptionist.Name);
        var admin = system.ActorOf(AdminConsole.Props(store, receptionist, AdminSettings.From(config)), AdminName);
        return new ControlPlane(store, receptionist, admin);
    }

    /// <summary>The scheduler and every controller as cluster singletons, each talking to this member's store front.</summary>
    private static void StartControlLoops(ActorSystem system, IActorRef store, StoreSettings storeSettings)
    {
        var config = system.Config;
        var controllers = ControllerSettings.From(config);
        var metrics = new StorePodMetricsSource(store, storeSettings.ListWaitTimeout);
        Props[] loops =
        [
            Scheduler.Props(store, SchedulerSettings.From(config), controllers.Informer),
            ReplicaSetController.Props(store, controllers),
            DeploymentController.Props(store, controllers),
            StatefulSetController.Props(store, controllers),
            DaemonSetController.Props(store, controllers),
            JobController.Props(store, controllers, JobSettings.From(config)),
            CronJobController.Props(store, controllers, CronJobSettings.From(config)),
            NodeLifecycleController.Props(store, controllers),
            EndpointsController.Props(store, controllers),
            HorizontalPodAutoscalerController.Props(store, controllers, HpaSettings.From(config), metrics),
        ];
        var settings = ClusterSingletonManagerSettings.Create(system).WithRole(Role);
        for (var i = 0; i < loops.Length; i++)
            system.ActorOf(ClusterSingletonManager.Props(loops[i], PoisonPill.Instance, settings), ControlLoopNames[i]);
    }
}
