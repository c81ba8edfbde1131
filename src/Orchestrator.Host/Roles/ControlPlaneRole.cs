using Orchestrator.Actors.Admin;
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
/// Starts the control plane in a process. Each further control-plane component (scheduler, controllers,
/// cluster membership, sharding) starts here with one line, after the store it talks to.
/// </summary>
public static class ControlPlaneRole
{
    /// <summary>The object store's actor name.</summary>
    public const string StoreName = "store";

    /// <summary>The admin console's actor name.</summary>
    public const string AdminName = "admin";

    /// <summary>Starts the store, the receptionist and the admin console.</summary>
    public static ControlPlane Start(ActorSystem system)
    {
        var store = system.ActorOf(ObjectStore.Props(StoreSettings.From(system.Config)), StoreName);
        var receptionist = system.ActorOf(Receptionist.Props(), Receptionist.Name);
        var admin = system.ActorOf(AdminConsole.Props(store, receptionist, AdminSettings.From(system.Config)), AdminName);
        return new ControlPlane(store, receptionist, admin);
    }
}
