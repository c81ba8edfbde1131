using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Hocon;
using Orchestrator.Runtime.Configuration;
using Orchestrator.Runtime.Event;
using Orchestrator.Runtime.Remoting;

namespace Orchestrator.Runtime;

/// <summary>
/// A hierarchy of actors sharing configuration, scheduler, event stream and dead letters.
/// User actors live under <c>/user</c>, the runtime's own under <c>/system</c>.
/// </summary>
public sealed partial class ActorSystem
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Type, Lazy<object>> _extensions = new();
    private readonly TimerQueueScheduler _scheduler = new();
    private readonly ILoggerFactory? _ownedLoggerFactory;
    private readonly ActorCell _userGuardian;
    private readonly ActorCell _systemGuardian;
    private int _terminating;

    private ActorSystem(string name, ActorSystemSettings settings, Config config, ILoggerFactory? loggerFactory, Address address)
    {
        Name = name;
        Config = config;
        Settings = settings.Validate();
        // With remoting the address is the bound network address, known before any path is made.
        Address = address;
        EventStream = new EventStream();
        // Refs inside serialized messages travel as path strings and come back as refs of this system.
        Serialization.Options.Converters.Add(new ActorRefJsonConverter(this));
        if (loggerFactory is null && settings.StdoutLogging)
        {
            _ownedLoggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(settings.LogLevel));
            loggerFactory = _ownedLoggerFactory;
        }
        Logging = new ActorSystemLogging(loggerFactory ?? NullLoggerFactory.Instance, EventStream, settings.LogLevel, Address.ToString());

        var root = new RootActorPath(Address);
        RootRef = new RootGuardianRef(this, root);
        DeadLetterRef = new DeadLetterActorRef(this, root / "deadLetters");
        CoordinatedShutdown = new CoordinatedShutdown(this, settings.ShutdownPhases);
        CoordinatedShutdown.AddTask(CoordinatedShutdown.PhaseActorSystemTerminate, "terminate-actor-system", TerminateGuardians);

        var guardianProps = Props.Create(() => new GuardianActor());
        _userGuardian = new ActorCell(this, guardianProps, RootRef, new ChildActorPath(root, "user", 1));
        _systemGuardian = new ActorCell(this, guardianProps, RootRef, new ChildActorPath(root, "system", 2));
        _userGuardian.Mailbox.PostSystem(new Dispatch.Create());
        _systemGuardian.Mailbox.PostSystem(new Dispatch.Create());
    }

    /// <summary>Creates a system called <paramref name="name"/> (letters, digits, '-' and '_').</summary>
    /// <param name="name">The system's name, part of every actor path.</param>
    /// <param name="settings">Kernel settings; defaults when null.</param>
    /// <param name="loggerFactory">Where logs go besides the event stream; console logging when null and <c>stdout-logging</c> is on.</param>
    public static ActorSystem Create(string name, ActorSystemSettings? settings = null, ILoggerFactory? loggerFactory = null)
    {
        return Create(name, settings ?? new ActorSystemSettings(), loggerFactory, ReferenceConfig.Runtime);
    }

    /// <summary>
    /// Creates a system from HOCON: <paramref name="config"/> first, then the reference configuration
    /// of every loaded module. A bad value fails here with a <see cref="ConfigException"/> naming its key and position.
    /// </summary>
    public static ActorSystem Create(string name, Config config, ILoggerFactory? loggerFactory = null)
    {
        var full = ReferenceConfig.WithReferences(config).Resolve();
        var settings = ActorSystemSettingsReader.Read(full);
        return Create(name, settings, loggerFactory, full, RemoteSettings.Read(full));
    }

    private static ActorSystem Create(string name, ActorSystemSettings settings, ILoggerFactory? loggerFactory, Config config, RemoteSettings? remote = null)
    {
        if (!SystemNameRegex().IsMatch(name))
            throw new ArgumentException($"Invalid actor system name '{name}': use letters, digits, '-' and '_', starting with a letter or digit.", nameof(name));
        // Remoting binds its port first: the system's address (part of every path) names the bound port.
        var transport = remote is { Enabled: true } ? RemoteTransport.Bind(name, remote) : null;
        var system = new ActorSystem(name, settings, config, loggerFactory, transport?.LocalAddress ?? Address.Local(name));
        if (transport is not null)
        {
            system.Remote = transport;
            transport.Start(system);
        }
        return system;
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The system's address (local until remoting assigns a network one).</summary>
    public Address Address { get; }

    /// <summary>The full configuration (application, then module references); modules read their sections from it.</summary>
    public Config Config { get; }

    /// <summary>Manifests of every type persisted or sent between processes.</summary>
    public Serialization.SerializationRegistry Serialization { get; } = new();

    /// <summary>The kernel settings.</summary>
    public ActorSystemSettings Settings { get; }

    /// <summary>The system-wide publish/subscribe bus.</summary>
    public EventStream EventStream { get; }

    /// <summary>Delayed and periodic messages.</summary>
    public IScheduler Scheduler => _scheduler;

    /// <summary>Where undeliverable messages go.</summary>
    public IActorRef DeadLetters => DeadLetterRef;

    /// <summary>The system's logging (to the logger factory and the event stream).</summary>
    public ActorSystemLogging Logging { get; }

    /// <summary>A logger for code that runs outside any actor.</summary>
    public ILogger Log => Logging.Runtime;

    /// <summary>Ordered shutdown; <see cref="Terminate"/> runs it.</summary>
    public CoordinatedShutdown CoordinatedShutdown { get; }

    /// <summary>Completes when every actor has stopped.</summary>
    public Task WhenTerminated => _terminated.Task;

    internal DeadLetterActorRef DeadLetterRef { get; }
    internal RootGuardianRef RootRef { get; }
    internal IInternalActorRef UserGuardian => _userGuardian.SelfRef;
    internal IInternalActorRef SystemGuardian => _systemGuardian.SelfRef;
    internal int Throughput => Settings.Throughput;
    internal bool IsTerminating => Volatile.Read(ref _terminating) != 0;

    /// <summary>The remoting transport when <c>orchestrator.remote.enabled</c> is on.</summary>
    internal RemoteTransport? Remote { get; private set; }

    /// <summary>
    /// Temporary refs reachable by path under <c>/temp</c>: an Ask's promise is registered here while
    /// its path is published to another process, so a reply arriving by path finds it.
    /// </summary>
    internal ConcurrentDictionary<string, IInternalActorRef> TempRefs { get; } = new(StringComparer.Ordinal);

    /// <summary>Creates a top-level actor under <c>/user</c>.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _userGuardian.MakeChild(props, name, systemName: false);

    /// <summary>Creates a runtime actor under <c>/system</c> (persistence plugins, cluster daemons).</summary>
    public IActorRef SystemActorOf(Props props, string? name = null) => _systemGuardian.MakeChild(props, name, systemName: true);

    /// <summary>Selects actors by absolute path (<c>/user/a/b</c>, wildcards allowed).</summary>
    public ActorSelection ActorSelection(string path) => Runtime.ActorSelection.Parse(RootRef, path, this);

    /// <summary>
    /// The actor named by <paramref name="path"/>: a local ref when the path is this system's (matching
    /// the uid when the path has one), a <see cref="RemoteActorRef"/> when it names another system and
    /// remoting is on. A path naming no live actor gives a ref whose messages go to dead letters and
    /// whose watchers get <see cref="Terminated"/> with ExistenceConfirmed = false.
    /// </summary>
    public IActorRef ResolveActorRef(ActorPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (IsLocalAddress(path.Address)) return ResolveLocal(path) ?? new EmptyLocalActorRef(this, path);
        if (path.Equals(ActorRefs.Nobody.Path)) return ActorRefs.Nobody;
        if (Remote is { } remote && !path.Address.IsLocal) return remote.RefFor(path);
        return new EmptyLocalActorRef(this, path);
    }

    /// <summary>Parses <paramref name="path"/> (e.g. <c>orch.tcp://sys@host:1/user/a#12</c>) and resolves it as <see cref="ResolveActorRef(ActorPath)"/> does.</summary>
    public IActorRef ResolveActorRef(string path) =>
        ActorPath.TryParse(path, out var parsed)
            ? ResolveActorRef(parsed!)
            : throw new ArgumentException($"'{path}' is not an absolute actor path (protocol://system[@host:port]/...).", nameof(path));

    /// <summary>True when <paramref name="address"/> names this system (its network address, or its bare local form).</summary>
    internal bool IsLocalAddress(Address address) =>
        address.Equals(Address) || (address.IsLocal && address.System == Name && address.Protocol == Address.LocalProtocol);

    /// <summary>The live local actor at <paramref name="path"/> (address ignored), or null.</summary>
    internal IInternalActorRef? ResolveLocal(ActorPath path)
    {
        var elements = path.Elements;
        if (elements.Count == 0) return RootRef;
        if (elements.Count == 2 && elements[0] == "temp")
            return TempRefs.TryGetValue(elements[1], out var temp) && (path.Uid == 0 || temp.Path.Uid == path.Uid) ? temp : null;
        IInternalActorRef? current = RootRef;
        foreach (var element in elements)
        {
            current = ChildOf(current, element);
            if (current is null) return null;
        }
        return path.Uid == 0 || current.Path.Uid == path.Uid ? current : null;
    }

    /// <summary>Stops an actor asynchronously (children first).</summary>
    public void Stop(IActorRef actor)
    {
        if (actor is LocalActorRef local && local.Cell.Parent is LocalActorRef parent) parent.Cell.MarkChildTerminating(local);
        (actor as IInternalActorRef)?.Stop();
    }

    /// <summary>Runs coordinated shutdown (which ends by stopping every actor); completes when the system has terminated.</summary>
    public Task Terminate() => CoordinatedShutdown.Run("actor system terminate requested").ContinueWith(_ => WhenTerminated).Unwrap();

    /// <summary>The extension of type <typeparamref name="T"/>, created once per system by <paramref name="factory"/>.</summary>
    public T GetOrCreateExtension<T>(Func<ActorSystem, T> factory) where T : class =>
        (T)_extensions.GetOrAdd(typeof(T), _ => new Lazy<object>(() => factory(this))).Value;

    private Task TerminateGuardians()
    {
        Interlocked.Exchange(ref _terminating, 1);
        _userGuardian.SelfRef.Stop();
        return WhenTerminated;
    }

    internal void OnSystemGuardianStopped()
    {
        _scheduler.Shutdown();
        _terminated.TrySetResult();
        _ownedLoggerFactory?.Dispose();
    }

    internal IInternalActorRef? ParentOf(IInternalActorRef actor) => actor switch
    {
        LocalActorRef local => (IInternalActorRef)local.Cell.Parent,
        _ => null,
    };

    internal IInternalActorRef? ChildOf(IInternalActorRef actor, string name) => actor switch
    {
        RootGuardianRef => name switch { "user" => UserGuardian, "system" => SystemGuardian, "deadLetters" => DeadLetterRef, _ => null },
        LocalActorRef local => local.Cell.GetChild(name),
        _ => null,
    };

    internal IEnumerable<IActorRef> ChildrenOf(IInternalActorRef actor) => actor switch
    {
        RootGuardianRef => [UserGuardian, SystemGuardian],
        LocalActorRef local => local.Cell.Children,
        _ => [],
    };

    /// <inheritdoc />
    public override string ToString() => Address.ToString();

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_-]*$")]
    private static partial Regex SystemNameRegex();
}
