using System.Net.Sockets;
using Orchestrator.Actors.Admin;
using Orchestrator.Hocon;
using Orchestrator.Runtime;

namespace Orchestrator.Ctl.Connection;

/// <summary>
/// orchctl's link to a cluster: a small actor system of its own with remoting on (never a cluster member),
/// which proves the cluster secret in the remoting handshake, finds the admin console through the
/// receptionist at the configured address, and then asks it requests.
/// </summary>
public sealed class AdminConnection : IAsyncDisposable
{
    private static readonly TimeSpan ProbeAfter = TimeSpan.FromSeconds(1.5);
    private readonly ActorSystem _system;

    private AdminConnection(ActorSystem system, IActorRef console, TimeSpan timeout)
    {
        _system = system;
        Console = console;
        Timeout = timeout;
    }

    /// <summary>The admin console.</summary>
    public IActorRef Console { get; }

    /// <summary>How long one request may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The client's actor system (for watches, which need an actor to receive a stream).</summary>
    public ActorSystem System => _system;

    /// <summary>Connects with <paramref name="config"/>; a <see cref="CtlException"/> says why it could not.</summary>
    public static async Task<AdminConnection> OpenAsync(AdminClientConfig config, TimeSpan timeout)
    {
        if (!Address.TryParse(config.AdminAddress, out var address) || address is null || address.Host is null)
            throw new CtlException($"error: the client configuration's admin-address \"{config.AdminAddress}\" is not an address like orch.tcp://orch@127.0.0.1:2552");
        var system = ActorSystem.Create("orchctl", Config.Parse($$"""
            orchestrator {
              stdout-logging = off
              log-dead-letters = 0
              remote {
                enabled = on
                hostname = "{{ClientHostname(address.Host)}}"
                port = 0
                cluster-secret = "{{config.ClusterSecret}}"
                retry-window = 2s
              }
            }
            """, "orchctl"));
        AdminManifests.Register(system);
        try
        {
            var resolving = system.ActorSelection(config.AdminAddress + Receptionist.Path).ResolveOne(timeout);
            // A running cluster answers within moments. Only when it does not is the port probed, to tell "nothing
            // listens there" (fail now) from "it listens but has not answered" (keep waiting): a probe is a connection
            // without a handshake, which the cluster logs as an error, so it is not made on every run.
            if (await Task.WhenAny(resolving, Task.Delay(ProbeAfter)).ConfigureAwait(false) != resolving)
                await ProbeAsync(address.Host, address.Port ?? 0, timeout).ConfigureAwait(false);
            var receptionist = await resolving.ConfigureAwait(false);
            var located = await receptionist.Ask<ServiceLocated>(new LocateService(AdminConsole.ServiceName), timeout).ConfigureAwait(false);
            if (located.Service is null) throw new CtlException($"error: {config.AdminAddress} runs no admin console (is it a worker node?)");
            return new AdminConnection(system, located.Service, timeout);
        }
        catch (Exception e) when (e is ActorNotFoundException or AskTimeoutException)
        {
            await system.Terminate().ConfigureAwait(false);
            throw new CtlException($"error: the cluster at {config.AdminAddress} did not answer within {timeout.TotalSeconds:0} s; the cluster secret in the client configuration may not match the cluster's");
        }
        catch
        {
            await system.Terminate().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Asks the console; an unexpected failure inside it becomes a <see cref="CtlException"/>.</summary>
    public async Task<T> Ask<T>(IAdminRequest request, TimeSpan? timeout = null)
    {
        object? reply;
        try
        {
            reply = await Console.Ask(request, timeout ?? Timeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            throw new CtlException($"error: the admin console did not answer within {(timeout ?? Timeout).TotalSeconds:0} s");
        }

        return reply switch
        {
            T typed => typed,
            AdminFailed failed => throw CtlException.Server(failed.Error),
            _ => throw new CtlException($"error: unexpected reply {reply?.GetType().Name ?? "null"} to {request.GetType().Name}"),
        };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _system.Terminate().ConfigureAwait(false);

    /// <summary>A refused TCP connection, told apart from a refused handshake (wrong secret).</summary>
    private static async Task ProbeAsync(string host, int port, TimeSpan timeout)
    {
        using var client = new TcpClient();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await client.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            throw new CtlException($"error: cannot reach the cluster at {host}:{port}: {(e is SocketException s ? s.Message : "timed out")}. Is `./orch up` running in this folder? (--config or ORCH_CONFIG selects another cluster)");
        }
    }

    /// <summary>The client listens where the console can answer it: on loopback for a loopback cluster, else on every interface's name for this host.</summary>
    private static string ClientHostname(string adminHost) =>
        adminHost is "127.0.0.1" or "localhost" or "::1"
            ? adminHost
            : Environment.GetEnvironmentVariable("ORCHCTL_HOSTNAME") ?? global::System.Net.Dns.GetHostName();
}
