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
using Orchestrator.Runtime;

namespace Orchestrator.Host.Roles;

/// <summary>The actors of a control-plane process and their well-known names.</summary>
/// <param name="Store">The object store, <c>/user/store</c>.</param>
/// <param name="Receptionist">Where clients find services, <c>/user/receptionist</c>.</param>
/// <param name="AdminConsole">The admin console, <c>/user/admin</c>.</param>
public sealed record ControlPlane(IActorRef Store, IActorRef Receptionist, IActorRef AdminConsole);

/// <summary>
/// Starts the control plane in a process: the object store, the scheduler and the controllers (plain actors
/// in this process: one control-plane process per cluster), the receptionist and the admin console.
/// </summary>
public static class ControlPlaneRole
{
    /// <summary>The object store's actor name.</summary>
    public const string StoreName = "store";

    /// <summary>The admin console's actor name.</summary>
    public const string AdminName = "admin";

    /// <summary>Starts the store, the scheduler, the controllers, the receptionist and the admin console.</summary>
    public static ControlPlane Start(ActorSystem system)
    {
        var config = system.Config;
        var storeSettings = StoreSettings.From(config);
        var store = system.ActorOf(ObjectStore.Props(storeSettings), StoreName);
        StartControlLoops(system, store, storeSettings);
        var receptionist = system.ActorOf(Receptionist.Props(), Receptionist.Name);
        var admin = system.ActorOf(AdminConsole.Props(store, receptionist, AdminSettings.From(config)), AdminName);
        return new ControlPlane(store, receptionist, admin);
    }

    /// <summary>The scheduler and every controller, each talking to <paramref name="store"/>.</summary>
    private static void StartControlLoops(ActorSystem system, IActorRef store, StoreSettings storeSettings)
    {
        var config = system.Config;
        var controllers = ControllerSettings.From(config);
        system.ActorOf(Scheduler.Props(store, SchedulerSettings.From(config), controllers.Informer), "scheduler");
        system.ActorOf(ReplicaSetController.Props(store, controllers), "replicaset-controller");
        system.ActorOf(DeploymentController.Props(store, controllers), "deployment-controller");
        system.ActorOf(StatefulSetController.Props(store, controllers), "statefulset-controller");
        system.ActorOf(DaemonSetController.Props(store, controllers), "daemonset-controller");
        system.ActorOf(JobController.Props(store, controllers, JobSettings.From(config)), "job-controller");
        system.ActorOf(CronJobController.Props(store, controllers, CronJobSettings.From(config)), "cronjob-controller");
        system.ActorOf(NodeLifecycleController.Props(store, controllers), "node-lifecycle-controller");
        system.ActorOf(EndpointsController.Props(store, controllers), "endpoints-controller");
        var metrics = new StorePodMetricsSource(store, storeSettings.ListWaitTimeout);
        system.ActorOf(HorizontalPodAutoscalerController.Props(store, controllers, HpaSettings.From(config), metrics), "hpa-controller");
    }
}
