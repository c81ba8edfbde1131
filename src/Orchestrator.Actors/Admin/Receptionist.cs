using Orchestrator.Runtime;

namespace Orchestrator.Actors.Admin;

/// <summary>
/// The one actor of a control-plane process that clients outside the cluster know by path
/// (<see cref="Path"/>): it tells them where a named service such as the <see cref="AdminConsole"/> lives.
/// A client resolves it through remoting (the handshake has already proved the cluster secret), asks
/// <see cref="LocateService"/>, and then talks to the service directly; it never joins the cluster.
/// </summary>
public sealed class Receptionist : ReceiveActor
{
    /// <summary>The actor's name under <c>/user</c>.</summary>
    public const string Name = "receptionist";

    /// <summary>Its path in every control-plane process.</summary>
    public const string Path = "/user/" + Name;

    private readonly Dictionary<string, IActorRef> _services = new(StringComparer.Ordinal);

    /// <summary>Creates the receptionist; use <see cref="Props"/>.</summary>
    public Receptionist()
    {
        Receive<RegisterService>(HandleRegister);
        Receive<LocateService>(m => Sender.Tell(new ServiceLocated(m.Name, _services.GetValueOrDefault(m.Name)), Self));
        Receive<Terminated>(HandleTerminated);
    }

    /// <summary>Props of the receptionist.</summary>
    public static Props Props() => Runtime.Props.Create(() => new Receptionist());

    private void HandleRegister(RegisterService register)
    {
        _services[register.Name] = register.Service;
        Context.Watch(register.Service);
    }

    private void HandleTerminated(Terminated terminated)
    {
        foreach (var name in _services.Where(s => s.Value.Equals(terminated.ActorRef)).Select(s => s.Key).ToList())
            _services.Remove(name);
    }
}
