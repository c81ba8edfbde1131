using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Pods;

namespace Orchestrator.NodeAgent.Tests.Pods;

/// <summary>Table tests of the worker's pure decisions.</summary>
public sealed class PodDecisionsTests
{
    [Theory]
    [InlineData(null, 0, true)]
    [InlineData(null, 1, true)]
    [InlineData("Always", 0, true)]
    [InlineData("Always", 137, true)]
    [InlineData("OnFailure", 0, false)]
    [InlineData("OnFailure", 1, true)]
    [InlineData("Never", 0, false)]
    [InlineData("Never", 1, false)]
    public void Restart_follows_the_restart_policy(string? policy, int exitCode, bool restart) =>
        Assert.Equal(restart, PodDecisions.ShouldRestart(policy, exitCode));

    [Theory]
    [InlineData(null, 0, 10)]          // first restart: the base
    [InlineData(10, 1, 20)]            // doubles
    [InlineData(160, 1, 300)]          // capped at 5 min
    [InlineData(300, 1, 300)]          // stays at the cap
    [InlineData(300, 600, 10)]         // a 10-minute run resets it
    [InlineData(40, 599, 80)]          // just short of the reset
    public void Back_off_doubles_from_10s_to_a_5min_cap_and_resets_after_10min_running(int? previousSeconds, int lastRunSeconds, int expectedSeconds)
    {
        var previous = previousSeconds is { } p ? TimeSpan.FromSeconds(p) : (TimeSpan?)null;

        var next = PodDecisions.NextBackOff(previous, TimeSpan.FromSeconds(lastRunSeconds),
            TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), next);
    }

    [Theory]
    [InlineData(null, 0, 0)]           // first restart: at once
    [InlineData(0, 1, 10)]             // then the base
    [InlineData(10, 1, 20)]            // doubles
    [InlineData(160, 1, 300)]          // capped at 5 min
    [InlineData(300, 600, 0)]          // a 10-minute run resets it: at once again
    [InlineData(0, 600, 0)]
    public void A_crashed_container_restarts_at_once_then_after_10s_doubling(int? previousSeconds, int lastRunSeconds, int expectedSeconds)
    {
        var previous = previousSeconds is { } p ? TimeSpan.FromSeconds(p) : (TimeSpan?)null;

        var next = PodDecisions.NextRestartDelay(previous, TimeSpan.FromSeconds(lastRunSeconds),
            TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10));

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), next);
    }

    [Theory]
    [InlineData("busybox", null, "Always")]
    [InlineData("busybox:latest", null, "Always")]
    [InlineData("busybox:1", null, "IfNotPresent")]
    [InlineData("127.0.0.1:5000/busybox", null, "Always")]
    [InlineData("127.0.0.1:5000/busybox:1", null, "IfNotPresent")]
    [InlineData("busybox@sha256:abc", null, "IfNotPresent")]
    [InlineData("busybox:1", "Always", "Always")]
    [InlineData("busybox", "Never", "Never")]
    public void Pull_policy_defaults_to_Always_only_for_latest_or_untagged_images(string image, string? policy, string expected) =>
        Assert.Equal(expected, PodDecisions.EffectivePullPolicy(image, policy));

    [Theory]
    [InlineData(ProbeOutcome.Unknown, 0, 0, true, 1, 3, ProbeOutcome.Success)]
    [InlineData(ProbeOutcome.Unknown, 0, 0, false, 1, 3, ProbeOutcome.Unknown)]
    [InlineData(ProbeOutcome.Success, 0, 2, false, 1, 3, ProbeOutcome.Failure)]
    [InlineData(ProbeOutcome.Success, 0, 1, false, 1, 3, ProbeOutcome.Success)]
    [InlineData(ProbeOutcome.Failure, 1, 0, true, 3, 3, ProbeOutcome.Failure)]
    [InlineData(ProbeOutcome.Failure, 2, 0, true, 3, 3, ProbeOutcome.Success)]
    [InlineData(ProbeOutcome.Success, 5, 0, false, 1, 1, ProbeOutcome.Failure)]
    public void Probe_results_flip_only_at_their_thresholds(
        ProbeOutcome current, int successes, int failures, bool success, int successThreshold, int failureThreshold, ProbeOutcome expected)
    {
        var next = PodDecisions.CountProbe(new ProbeCounter(current, successes, failures), success, successThreshold, failureThreshold);

        Assert.Equal(expected, next.Result);
        Assert.Equal(success ? successes + 1 : 0, next.Successes);
        Assert.Equal(success ? 0 : failures + 1, next.Failures);
    }

    public static TheoryData<string?, bool, bool, ContainerPhaseInput[], string> Phases => new()
    {
        { null, false, false, [new(ContainerPhaseState.Waiting)], PodPhase.Pending },
        { "Never", true, false, [new(ContainerPhaseState.Waiting)], PodPhase.Failed },
        { "OnFailure", true, false, [new(ContainerPhaseState.Waiting)], PodPhase.Pending },
        { null, false, true, [new(ContainerPhaseState.Running), new(ContainerPhaseState.Waiting)], PodPhase.Pending },
        { null, false, true, [new(ContainerPhaseState.Running), new(ContainerPhaseState.Terminated, 1)], PodPhase.Running },
        { "Always", false, true, [new(ContainerPhaseState.Waiting, HasTerminatedBefore: true)], PodPhase.Running },
        { "Always", false, true, [new(ContainerPhaseState.Terminated, 0)], PodPhase.Running },
        { "OnFailure", false, true, [new(ContainerPhaseState.Terminated, 0), new(ContainerPhaseState.Terminated, 0)], PodPhase.Succeeded },
        { "OnFailure", false, true, [new(ContainerPhaseState.Waiting, HasTerminatedBefore: true)], PodPhase.Running },
        { "Never", false, true, [new(ContainerPhaseState.Terminated, 0), new(ContainerPhaseState.Terminated, 2)], PodPhase.Failed },
        { "Never", false, true, [new(ContainerPhaseState.Terminated, 0)], PodPhase.Succeeded },
    };

    [Theory]
    [MemberData(nameof(Phases))]
    public void The_phase_follows_the_kubelets_rules(string? policy, bool initFailed, bool initialized, ContainerPhaseInput[] containers, string expected) =>
        Assert.Equal(expected, PodDecisions.Phase(policy, initFailed, initialized, containers));

    [Theory]
    [InlineData(0, false, "Completed")]
    [InlineData(1, false, "Error")]
    [InlineData(137, true, "OOMKilled")]
    public void Terminated_reasons_are_the_kubelets(int exitCode, bool oomKilled, string reason) =>
        Assert.Equal(reason, PodDecisions.TerminatedReason(exitCode, oomKilled));
}
