using System.Net.Sockets;
using System.Runtime.InteropServices;
using Orchestrator.Actors.Admin;
using Orchestrator.Hocon;
using Orchestrator.Host.Roles;
using Orchestrator.NodeAgent.Agent;
using Orchestrator.Runtime;

namespace Orchestrator.Host.Startup;

/// <summary>
/// Runs one <c>orch</c> process: reads the configuration, checks what it needs (Docker, a free port, one process
/// per data folder), starts the actor system with the roles of its kind, writes the client configuration, and
/// waits for SIGINT/SIGTERM, on which it shuts down through coordinated shutdown (a control-plane member leaves
/// the cluster gracefully first: shards handed off, singletons handed over).
/// </summary>
public sealed class ClusterProcess(ProcessOptions options, TextWriter output)
{
    /// <summary>Runs until the process is asked to stop; returns the exit code.</summary>
    public async Task<int> RunAsync()
    {
        var config = HostConfigLoader.Load(options.ConfigFile, options.Overrides());
        var settings = HostSettings.From(config);
        Directory.CreateDirectory(settings.DataDir);
        using var dataLock = DataDirLock.Acquire(settings.DataDir);
        var isNode = options.Kind == ProcessKind.Node;
        if (isNode) NodeJoin.RequireSecret(config);
        else config = ClusterJoin.WithSeeds(WithSecretAndJournal(config, settings), options.Seeds ?? [], settings.SystemName);

        var docker = settings.RunNodeAgent || isNode ? await DockerCheck.RequireAsync(settings.DockerCheckTimeout).ConfigureAwait(false) : default;
        using var logging = HostLogging.Create(config, options.Kind);
        var system = CreateSystem(settings.SystemName, config, logging);
        using var signals = StopOnSignals(system);
        ControlPlane? controlPlane = null;
        IActorRef store;
        if (isNode)
        {
            store = await ResolveSeedStoreAsync(system, settings).ConfigureAwait(false);
        }
        else
        {
            if (!await ClusterJoin.JoinAsync(system, settings.MemberUpTimeout).ConfigureAwait(false))
            {
                docker.Client?.Dispose();
                output.WriteLine($"orch {options.Kind.ToString().ToLowerInvariant()}: stopped before it joined the cluster ({system.CoordinatedShutdown.ShutdownReason})");
                return 0;
            }

            controlPlane = ControlPlaneRole.Start(system);
            store = controlPlane.Store;
        }

        NodeAgentSettings? agent = null;
        if (docker.Client is { } client)
        {
            agent = NodeAgentSettings.From(config);
            WorkerRole.Start(system, store, client, agent);
        }

        if (controlPlane is null)
        {
            Banner.Print(output, options.Kind, system, null, config, agent?.NodeName, docker.Version);
            await system.WhenTerminated.ConfigureAwait(false);
            docker.Client?.Dispose();
            output.WriteLine($"orch node: stopped ({system.CoordinatedShutdown.ShutdownReason})");
            return 0;
        }

        var clientConfigPath = Path.Combine(settings.DataDir, AdminClientConfig.FileName);
        new AdminClientConfig(system.Address.ToString(), config.GetString("orchestrator.remote.cluster-secret")).Write(clientConfigPath);
        Banner.Print(output, options.Kind, system, clientConfigPath, config, agent?.NodeName, docker.Version);
        if (options.Demo) _ = new Demo(controlPlane.AdminConsole, settings, output).RunAsync(system.WhenTerminated);

        await system.WhenTerminated.ConfigureAwait(false);
        docker.Client?.Dispose();
        output.WriteLine($"orch {options.Kind.ToString().ToLowerInvariant()}: stopped ({system.CoordinatedShutdown.ShutdownReason})");
        return 0;
    }

    private async Task<IActorRef> ResolveSeedStoreAsync(ActorSystem system, HostSettings settings)
    {
        try
        {
            return await NodeJoin.ResolveStoreAsync(system, options.Join!, settings).ConfigureAwait(false);
        }
        catch
        {
            await system.Terminate().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The cluster secret (configured, or this data folder's own) and the SQLite journal inside the data folder.</summary>
    private static Config WithSecretAndJournal(Config config, HostSettings settings)
    {
        var extra = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(config.GetString("orchestrator.remote.cluster-secret")))
            extra["orchestrator.remote.cluster-secret"] = ClusterSecret.LoadOrCreate(settings.DataDir);
        // The reference's relative default follows the data folder; an explicitly configured path is kept.
        if (config.GetString("orchestrator.persistence.sqlite.path") == ".orch/journal.db")
            extra["orchestrator.persistence.sqlite.path"] = Path.Combine(settings.DataDir, "journal.db");
        return extra.Count == 0 ? config : Config.FromDictionary(extra).WithFallback(config).Resolve();
    }

    private static ActorSystem CreateSystem(string name, Config config, Microsoft.Extensions.Logging.ILoggerFactory? logging)
    {
        try
        {
            return ActorSystem.Create(name, config, logging);
        }
        catch (InvalidOperationException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
        {
            var host = config.GetString("orchestrator.remote.hostname");
            var port = config.GetInt("orchestrator.remote.port");
            throw new StartupException($"error: port {port} on {host} is in use (another orch process?). Stop it, or choose another port with --port or orchestrator.remote.port.", 4, e);
        }
        catch (InvalidOperationException e) when (e.InnerException is SocketException socket)
        {
            throw new StartupException($"error: cannot listen for the cluster: {socket.Message} ({e.Message})", 4, e);
        }
        catch (ConfigException e)
        {
            throw new StartupException($"error: bad configuration: {e.Message}", 2, e);
        }
    }

    /// <summary>SIGINT and SIGTERM run coordinated shutdown once; the process exits when the system has terminated.</summary>
    private static IDisposable StopOnSignals(ActorSystem system)
    {
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            _ = system.CoordinatedShutdown.Run($"{context.Signal} received");
        }

        return new Registrations(PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop));
    }

    private sealed class Registrations(params IDisposable[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations) registration.Dispose();
        }
    }
}
