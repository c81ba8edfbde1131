using System.Text.Json;
using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Pods;

/// <summary>
/// Runs one pod on this node, as the kubelet's pod worker does: creates (or adopts) the sandbox, runs init
/// containers in order, starts app containers, restarts them per restartPolicy with back-off, runs probes,
/// and terminates the pod gracefully on <see cref="StopPod"/>. Every Docker call runs as a task whose result
/// is piped back as a message; the status goes to the listener as <see cref="PodStatusChanged"/>.
/// </summary>
public sealed partial class PodWorker : ReceiveActor, IWithTimers
{
    private readonly Pod _pod;
    private readonly PodIdentity _identity;
    private readonly IContainerRuntime _runtime;
    private readonly IActorRef _statusListener;
    private readonly PodWorkerSettings _settings;
    private readonly PodDependencies _dependencies;
    private readonly List<ContainerRecord> _init;
    private readonly List<ContainerRecord> _app;
    private readonly ConditionClock _clock = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly DateTimeOffset _startTime = DateTimeOffset.UtcNow;
    private string? _sandboxId;
    private string? _podIp;
    private bool _initialized;
    private bool _initFailed;
    private string? _lastPublished;
    private IActorRef? _self;

    /// <summary>Creates the worker; use <see cref="Props(Pod, IContainerRuntime, IActorRef, PodWorkerSettings?, PodDependencies?)"/>.</summary>
    public PodWorker(Pod pod, IContainerRuntime runtime, IActorRef statusListener, PodWorkerSettings settings, PodDependencies? dependencies = null)
    {
        _dependencies = dependencies ?? PodDependencies.None;
        _pod = pod;
        _identity = new PodIdentity(
            pod.Metadata.Uid ?? throw new ArgumentException("the pod has no uid", nameof(pod)),
            pod.Metadata.Namespace ?? "default",
            pod.Metadata.Name ?? throw new ArgumentException("the pod has no name", nameof(pod)));
        _runtime = runtime;
        _statusListener = statusListener;
        _settings = settings;
        _init = (pod.Spec.InitContainers ?? []).Select(c => new ContainerRecord(c, isInit: true)).ToList();
        _app = pod.Spec.Containers.Select(c => new ContainerRecord(c, isInit: false)).ToList();
        foreach (var record in _app.Where(_ => _init.Count > 0))
        {
            record.WaitingReason = "PodInitializing";
        }

        Receive<Discovered>(HandleDiscovered);
        Receive<DiscoveryFailed>(m => Fail("discover", m.Cause));
        Receive<SandboxFailed>(m => Fail("create the sandbox", m.Cause));
        Receive<CheckSandbox>(_ => HandleCheckSandbox());
        Receive<SandboxLost>(HandleSandboxLost);
        Receive<Rebuilt>(HandleRebuilt);
        Receive<WaitFailed>(HandleWaitFailed);
        Receive<Rewatch>(HandleRewatch);
        Receive<ContainerStarted>(HandleContainerStarted);
        Receive<ContainerStartFailed>(HandleContainerStartFailed);
        Receive<ContainerExited>(HandleContainerExited);
        Receive<RestartDue>(HandleRestartDue);
        Receive<ProbeTick>(HandleProbeTick);
        Receive<ProbeCompleted>(HandleProbeCompleted);
        ReceiveAsync<StopPod>(HandleStopPodAsync);
        Receive<Ignored>(_ => { });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private string PodKey => _identity.Key;

    private string? RestartPolicy => _pod.Spec.RestartPolicy;

    /// <summary>Props of a worker for <paramref name="pod"/> that publishes its status to <paramref name="statusListener"/>.</summary>
    /// <param name="pod">The pod.</param>
    /// <param name="runtime">The container runtime.</param>
    /// <param name="statusListener">Receives <see cref="PodStatusChanged"/> and <see cref="PodEventOccurred"/>.</param>
    /// <param name="settings">Timing settings.</param>
    /// <param name="dependencies">The ConfigMaps and Secrets the pod refers to, read by the agent.</param>
    public static Props Props(
        Pod pod, IContainerRuntime runtime, IActorRef statusListener, PodWorkerSettings? settings = null, PodDependencies? dependencies = null) =>
        Orchestrator.Runtime.Props.Create(() => new PodWorker(pod, runtime, statusListener, settings ?? new PodWorkerSettings(), dependencies));

    /// <inheritdoc />
    protected override void PreStart()
    {
        _self = Self;
        PodWorkerLog.Starting(Log, PodKey, _identity.Uid);
        Publish();
        DiscoverAsync(_lifetime.Token).PipeTo(Self, failure: ex => new DiscoveryFailed(ex));
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    private void Fail(string what, Exception cause)
    {
        if (cause is OperationCanceledException && _lifetime.IsCancellationRequested)
        {
            return;
        }

        // The runtime is unreachable or refused: crash, and let the supervisor restart (and so re-adopt) the worker.
        PodWorkerLog.RuntimeFailed(Log, PodKey, what, cause);
        throw new InvalidOperationException($"pod {PodKey}: could not {what}: {cause.Message}", cause);
    }

    /// <summary>Moves the pod forward: the next init container, or every app container not yet launched.</summary>
    private void Advance()
    {
        if (_sandboxId is null)
        {
            return;
        }

        if (!_initialized)
        {
            foreach (var init in _init)
            {
                if (init.Finished && init.Terminated?.ExitCode == 0)
                {
                    continue;
                }

                if (!init.Running && !init.Launching && !init.BackingOff && !init.Finished)
                {
                    Launch(init);
                }

                Publish();
                return;
            }

            _initialized = true;
            foreach (var app in _app.Where(a => a.WaitingReason == "PodInitializing"))
            {
                app.WaitingReason = "ContainerCreating";
            }
        }

        foreach (var app in _app.Where(a => a.ContainerId is null && !a.Running && !a.Launching && !a.BackingOff && !a.Finished))
        {
            Launch(app);
        }

        Publish();
    }

    private void Launch(ContainerRecord record)
    {
        record.Attempt++;
        record.Launching = true;
        var volumesRoot = Path.Combine(_settings.EmptyDirRoot, _identity.Uid, "volumes");
        if (!PrepareConfig(record, volumesRoot))
        {
            return;
        }

        var launch = ContainerLaunchBuilder.Build(_pod, record.Spec, record.IsInit, record.RestartCount, _podIp, volumesRoot, _dependencies);
        var policy = PodDecisions.EffectivePullPolicy(launch.Image, record.Spec.ImagePullPolicy);
        PodWorkerLog.Launching(Log, PodKey, record.Name, record.RestartCount);
        var (name, attempt) = (record.Name, record.Attempt);
        LaunchAsync(name, attempt, launch, policy, record.TakeDiscards(), _sandboxId!, record.Spec, _podIp, _lifetime.Token)
            .PipeTo(Self, failure: ex => new ContainerStartFailed(name, attempt, "CreateContainerError", ex.Message, null, false));
    }

    private async Task<object> LaunchAsync(
        string name, int attempt, ContainerLaunch launch, string pullPolicy, IReadOnlyList<string> discards, string sandboxId,
        Container spec, string? podIp, CancellationToken cancellationToken)
    {
        // Keep at most one dead instance per container (the "previous" one, for its logs).
        foreach (var discard in discards)
        {
            await _runtime.RemoveContainerAsync(discard, cancellationToken).ConfigureAwait(false);
        }

        string imageId;
        try
        {
            // As the kubelet: Pulling only when a pull really starts, else "already present".
            var pulled = false;
            imageId = await _runtime.EnsureImageAsync(launch.Image, pullPolicy, () =>
            {
                pulled = true;
                Emit("Pulling", $"Pulling image \"{launch.Image}\"", name, warning: false);
            }, cancellationToken).ConfigureAwait(false);
            Emit("Pulled", pulled ? $"Successfully pulled image \"{launch.Image}\"" : $"Container image \"{launch.Image}\" already present on machine",
                name, warning: false);
        }
        catch (ImagePullException ex)
        {
            return new ContainerStartFailed(name, attempt, ex.Reason, ex.Message, null, ImagePull: true);
        }

        string id;
        try
        {
            id = await _runtime.CreateContainerAsync(_identity, sandboxId, launch, cancellationToken).ConfigureAwait(false);
            Emit("Created", $"Created container {name}", name, warning: false);
        }
        catch (ContainerStartException ex)
        {
            // Joining a dead sandbox's namespace fails: that is the sandbox's problem, not the container's.
            return await SandboxLostOrAsync(sandboxId, new ContainerStartFailed(name, attempt, "CreateContainerError", ex.Message, null, ImagePull: false),
                cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await _runtime.StartContainerAsync(id, cancellationToken).ConfigureAwait(false);
            Emit("Started", $"Started container {name}", name, warning: false);
        }
        catch (ContainerStartException ex)
        {
            return await SandboxLostOrAsync(sandboxId, new ContainerStartFailed(name, attempt, "StartError", ex.Message, id, ImagePull: false),
                cancellationToken).ConfigureAwait(false);
        }

        if (spec.Lifecycle?.PostStart is { } postStart)
        {
            // Like the kubelet: the container is not Running until its postStart hook returned; a failed hook kills it.
            var grace = TimeSpan.FromSeconds(_pod.Spec.TerminationGracePeriodSeconds ?? 30);
            var (ok, message) = await ProbeRunner.RunHandlerAsync(_runtime, postStart, spec, id, podIp, grace, cancellationToken)
                .ConfigureAwait(false);
            if (!ok)
            {
                await _runtime.StopContainerAsync(id, grace, cancellationToken).ConfigureAwait(false);
                return new ContainerStartFailed(name, attempt, "PostStartHookError", message, id, ImagePull: false);
            }
        }

        var state = await _runtime.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
        return new ContainerStarted(name, attempt, id, imageId, state.StartedAt ?? DateTimeOffset.UtcNow);
    }

    private void HandleContainerStarted(ContainerStarted started)
    {
        var record = Find(started.Name);
        if (record is null || record.Attempt != started.Attempt)
        {
            RemoveInBackground([started.ContainerId]);
            return;
        }

        record.Launching = false;
        record.ImageId = started.ImageId;
        record.PullFailures = 0;
        record.LastPullBackOff = null;
        record.MarkRunning(started.ContainerId, started.StartedAt);
        PodWorkerLog.Started(Log, PodKey, record.Name, started.ContainerId);
        WatchExit(record.Name, started.ContainerId);
        StartProbes(record);
        Publish();
    }

    private void HandleContainerStartFailed(ContainerStartFailed failed)
    {
        var record = Find(failed.Name);
        if (record is null || record.Attempt != failed.Attempt)
        {
            return;
        }

        record.Launching = false;
        PodWorkerLog.StartFailed(Log, PodKey, record.Name, failed.Reason, failed.Message);
        Emit("Failed", failed.ImagePull ? $"Failed to pull image \"{record.Spec.Image}\": {failed.Message}" : "Error: " + failed.Message,
            record.Name, warning: true);
        if (failed.ImagePull)
        {
            // Pull failures are retried with their own back-off and do not count as restarts.
            record.PullFailures++;
            var delay = PodDecisions.NextBackOff(record.LastPullBackOff, TimeSpan.Zero, _settings.BackOffBase, _settings.BackOffCap, _settings.BackOffReset);
            record.LastPullBackOff = delay;
            var reason = record.PullFailures == 1 || failed.Reason != "ErrImagePull" ? failed.Reason : "ImagePullBackOff";
            var message = reason == "ImagePullBackOff" ? $"Back-off pulling image \"{record.Spec.Image}\": {failed.Message}" : failed.Message;
            record.MarkWaiting(reason, message);
            record.BackingOff = true;
            Timers.StartSingleTimer(("restart", record.Name), new RestartDue(record.Name, record.Attempt, CountsAsRestart: false), delay);
            Publish();
            return;
        }

        record.ContainerId = failed.ContainerId ?? record.ContainerId;
        var now = DateTimeOffset.UtcNow;
        OnTerminated(record, new TerminationInfo(128, failed.Reason, failed.Message, now, now, failed.ContainerId), publish: true);
    }

    private void WatchExit(string name, string containerId) =>
        WaitForExitAsync(name, containerId, _sandboxId!, _lifetime.Token).PipeTo(Self, failure: _ => new WaitFailed(name, containerId));

    private async Task<object> WaitForExitAsync(string name, string containerId, string sandboxId, CancellationToken cancellationToken)
    {
        await _runtime.WaitContainerAsync(containerId, cancellationToken).ConfigureAwait(false);
        var state = await _runtime.InspectContainerAsync(containerId, cancellationToken).ConfigureAwait(false);
        // A container that died with its sandbox (the engine restarted, say) is restarted with a new sandbox.
        return await SandboxLostOrAsync(sandboxId, new ContainerExited(name, containerId, state), cancellationToken).ConfigureAwait(false);
    }

    private void HandleContainerExited(ContainerExited exited)
    {
        var record = Find(exited.Name);
        if (record is null || record.ContainerId != exited.ContainerId || !record.Running)
        {
            return;
        }

        StopProbes(record);
        var info = TerminationOf(exited.ContainerId, exited.State);
        PodWorkerLog.Exited(Log, PodKey, record.Name, info.ExitCode, info.Reason);
        OnTerminated(record, info, publish: true);
    }

    private void OnTerminated(ContainerRecord record, TerminationInfo info, bool publish)
    {
        record.MarkTerminated(info);
        var restart = record.IsInit ? info.ExitCode != 0 && RestartPolicy != Model.Core.V1.RestartPolicy.Never
            : PodDecisions.ShouldRestart(RestartPolicy, info.ExitCode);
        if (!restart)
        {
            record.Finished = true;
            _initFailed |= record.IsInit && info.ExitCode != 0;
            if (publish)
            {
                Advance();
            }

            return;
        }

        if (publish)
        {
            // Report the termination itself before the back-off hides it in lastState.
            Publish();
        }

        var lastRun = info.StartedAt is { } s && info.FinishedAt is { } f ? f - s : TimeSpan.Zero;
        var delay = PodDecisions.NextRestartDelay(record.LastBackOff, lastRun, _settings.BackOffBase, _settings.BackOffCap, _settings.BackOffReset);
        record.LastBackOff = delay;
        record.LastTerminated = info;
        record.ContainerId = info.ContainerId ?? record.ContainerId;
        record.RetireCurrent();
        if (delay == TimeSpan.Zero)
        {
            // The first restart (and the first after a long run) happens at once, without CrashLoopBackOff.
            record.RestartCount++;
            Launch(record);
            if (publish)
            {
                Publish();
            }

            return;
        }

        record.MarkWaiting("CrashLoopBackOff",
            $"back-off {FormatDelay(delay)} restarting failed container={record.Name} pod={_identity.Name}_{_identity.Namespace}({_identity.Uid})");
        record.BackingOff = true;
        PodWorkerLog.BackingOff(Log, PodKey, record.Name, delay);
        Emit("BackOff", $"Back-off restarting failed container {record.Name} in pod {_identity.Name}_{_identity.Namespace}({_identity.Uid})",
            record.Name, warning: true);
        Timers.StartSingleTimer(("restart", record.Name), new RestartDue(record.Name, record.Attempt, CountsAsRestart: true), delay);
        if (publish)
        {
            Publish();
        }
    }

    private void HandleRestartDue(RestartDue due)
    {
        var record = Find(due.Name);
        if (record is null || record.Attempt != due.Attempt || !record.BackingOff)
        {
            return;
        }

        record.BackingOff = false;
        if (due.CountsAsRestart)
        {
            record.RestartCount++;
        }

        Launch(record);
        Publish();
    }

    private ContainerRecord? Find(string name) => _init.Concat(_app).FirstOrDefault(r => r.Name == name);

    private static TerminationInfo TerminationOf(string containerId, RuntimeContainerState state) =>
        new(state.ExitCode, PodDecisions.TerminatedReason(state.ExitCode, state.OomKilled), state.Error,
            state.StartedAt, state.FinishedAt, containerId);

    private static string FormatDelay(TimeSpan delay) =>
        delay.TotalSeconds >= 1 ? $"{delay.TotalSeconds:0.#}s" : $"{delay.TotalMilliseconds:0}ms";

    private void RemoveInBackground(IReadOnlyList<string> containerIds)
    {
        foreach (var id in containerIds)
        {
            _runtime.RemoveContainerAsync(id, CancellationToken.None).PipeTo(Self, success: () => new Ignored(), failure: _ => new Ignored());
        }
    }

    private void Publish()
    {
        var status = PodStatusBuilder.Build(_pod, _init, _app, _initialized, _initFailed, _podIp, _startTime, _clock);
        var fingerprint = JsonSerializer.Serialize(status);
        if (fingerprint == _lastPublished)
        {
            return;
        }

        _lastPublished = fingerprint;
        _statusListener.Tell(new PodStatusChanged(_identity.Uid, status), Self);
    }
}
