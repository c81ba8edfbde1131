using Orchestrator.Model.Core.V1;

namespace Orchestrator.NodeAgent.Pods;

/// <summary>The pod worker's decisions as pure functions: restart, back-off, image policy, probe thresholds, phase.</summary>
public static class PodDecisions
{
    /// <summary>Whether an exited container is started again (Kubernetes' restartPolicy; the default is Always).</summary>
    public static bool ShouldRestart(string? restartPolicy, int exitCode) => restartPolicy switch
    {
        Model.Core.V1.RestartPolicy.Never => false,
        Model.Core.V1.RestartPolicy.OnFailure => exitCode != 0,
        _ => true,
    };

    /// <summary>
    /// The delay before the next restart: <paramref name="initial"/> the first time, and after a run longer
    /// than <paramref name="resetAfter"/>; otherwise the previous delay doubled, capped at <paramref name="cap"/>.
    /// </summary>
    public static TimeSpan NextBackOff(TimeSpan? previous, TimeSpan lastRun, TimeSpan initial, TimeSpan cap, TimeSpan resetAfter)
    {
        if (previous is not { } last || lastRun >= resetAfter)
        {
            return initial <= cap ? initial : cap;
        }

        var doubled = last.Ticks > cap.Ticks / 2 ? cap : last + last;
        return doubled <= cap ? doubled : cap;
    }

    /// <summary>
    /// The delay before restarting a crashed container, as the kubelet's: the first restart at once (and again
    /// after a run of at least <paramref name="resetAfter"/>), then <paramref name="initial"/>, doubling up to <paramref name="cap"/>.
    /// </summary>
    public static TimeSpan NextRestartDelay(TimeSpan? previous, TimeSpan lastRun, TimeSpan initial, TimeSpan cap, TimeSpan resetAfter)
    {
        if (previous is null || lastRun >= resetAfter)
        {
            return TimeSpan.Zero;
        }

        return previous == TimeSpan.Zero ? NextBackOff(null, lastRun, initial, cap, resetAfter) : NextBackOff(previous, lastRun, initial, cap, resetAfter);
    }

    /// <summary>The effective imagePullPolicy: Always for <c>:latest</c> or an untagged image, else IfNotPresent.</summary>
    public static string EffectivePullPolicy(string image, string? pullPolicy)
    {
        if (!string.IsNullOrEmpty(pullPolicy))
        {
            return pullPolicy;
        }

        if (image.Contains('@', StringComparison.Ordinal))
        {
            return "IfNotPresent";
        }

        var lastSlash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        var tag = colon > lastSlash ? image[(colon + 1)..] : null;
        return tag is null || tag == "latest" ? "Always" : "IfNotPresent";
    }

    /// <summary>
    /// Counts one probe result against its thresholds. The result flips to success after
    /// <paramref name="successThreshold"/> successes in a row and to failure after
    /// <paramref name="failureThreshold"/> failures in a row; otherwise it stays <paramref name="current"/>.
    /// </summary>
    public static ProbeCounter CountProbe(ProbeCounter current, bool success, int successThreshold, int failureThreshold)
    {
        var successes = success ? current.Successes + 1 : 0;
        var failures = success ? 0 : current.Failures + 1;
        var result = current.Result;
        if (success && successes >= Math.Max(1, successThreshold))
        {
            result = ProbeOutcome.Success;
        }
        else if (!success && failures >= Math.Max(1, failureThreshold))
        {
            result = ProbeOutcome.Failure;
        }

        return new ProbeCounter(result, successes, failures);
    }

    /// <summary>
    /// The pod phase from its containers, as the kubelet computes it: Pending until initialized and every
    /// app container has run; Failed when an init container failed under restartPolicy Never; with every
    /// app container stopped, Succeeded if all exited 0, Failed under Never, else Running (it will restart).
    /// </summary>
    public static string Phase(string? restartPolicy, bool initFailed, bool initialized, IReadOnlyList<ContainerPhaseInput> containers)
    {
        var never = restartPolicy == Model.Core.V1.RestartPolicy.Never;
        if (initFailed && never)
        {
            return PodPhase.Failed;
        }

        if (!initialized || containers.Count == 0)
        {
            return PodPhase.Pending;
        }

        int running = 0, waiting = 0, stopped = 0, succeeded = 0;
        foreach (var c in containers)
        {
            switch (c.State)
            {
                case ContainerPhaseState.Running:
                    running++;
                    break;
                case ContainerPhaseState.Terminated:
                    stopped++;
                    if (c.ExitCode == 0)
                    {
                        succeeded++;
                    }

                    break;
                case ContainerPhaseState.Waiting when c.HasTerminatedBefore:
                    // Crash-looping: it has run, it is only waiting out its back-off.
                    stopped++;
                    break;
                default:
                    waiting++;
                    break;
            }
        }

        if (waiting > 0)
        {
            return PodPhase.Pending;
        }

        if (running > 0)
        {
            return PodPhase.Running;
        }

        if (restartPolicy is null or Model.Core.V1.RestartPolicy.Always)
        {
            return PodPhase.Running;
        }

        if (stopped == succeeded)
        {
            return PodPhase.Succeeded;
        }

        return never ? PodPhase.Failed : PodPhase.Running;
    }

    /// <summary>The terminated reason the kubelet reports: OOMKilled, Completed for exit 0, Error otherwise.</summary>
    public static string TerminatedReason(int exitCode, bool oomKilled) =>
        oomKilled ? "OOMKilled" : exitCode == 0 ? "Completed" : "Error";
}

/// <summary>A probe's settled result.</summary>
public enum ProbeOutcome
{
    /// <summary>No verdict yet.</summary>
    Unknown,

    /// <summary>The probe passed its success threshold.</summary>
    Success,

    /// <summary>The probe hit its failure threshold.</summary>
    Failure,
}

/// <summary>Consecutive probe results and the verdict they give.</summary>
/// <param name="Result">The current verdict.</param>
/// <param name="Successes">Successes in a row.</param>
/// <param name="Failures">Failures in a row.</param>
public sealed record ProbeCounter(ProbeOutcome Result, int Successes, int Failures)
{
    /// <summary>Before the first probe.</summary>
    public static ProbeCounter Initial { get; } = new(ProbeOutcome.Unknown, 0, 0);
}

/// <summary>Coarse state of one app container, for <see cref="PodDecisions.Phase"/>.</summary>
public enum ContainerPhaseState
{
    /// <summary>Not running yet (creating, pulling, back-off).</summary>
    Waiting,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Exited and will not be restarted.</summary>
    Terminated,
}

/// <summary>One app container as the phase calculation sees it.</summary>
/// <param name="State">Its state.</param>
/// <param name="ExitCode">Exit code, when terminated.</param>
/// <param name="HasTerminatedBefore">It ran and exited at least once (its last state is terminated).</param>
public sealed record ContainerPhaseInput(ContainerPhaseState State, int ExitCode = 0, bool HasTerminatedBefore = false);
