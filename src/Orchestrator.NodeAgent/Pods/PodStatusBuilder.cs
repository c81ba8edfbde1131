using Orchestrator.Model.Core.V1;

namespace Orchestrator.NodeAgent.Pods;

/// <summary>Builds the Kubernetes-shaped <see cref="PodStatus"/> from a worker's container records.</summary>
internal static class PodStatusBuilder
{
    public const string DockerPrefix = "docker://";

    public static PodStatus Build(
        Pod pod, IReadOnlyList<ContainerRecord> init, IReadOnlyList<ContainerRecord> app,
        bool initialized, bool initFailed, string? podIp, DateTimeOffset startTime, ConditionClock clock)
    {
        var phase = PodDecisions.Phase(pod.Spec.RestartPolicy, initFailed, initialized, app.Select(PhaseInput).ToList());
        var containersReady = app.Count > 0 && app.All(c => c.Ready);
        var completed = phase is PodPhase.Succeeded or PodPhase.Failed;
        var notReadyReason = completed ? "PodCompleted" : "ContainersNotReady";
        var notReadyMessage = completed
            ? null
            : $"containers with unready status: [{string.Join(' ', app.Where(c => !c.Ready).Select(c => c.Name))}]";
        var initMessage = initialized || completed
            ? null
            : $"containers with incomplete status: [{string.Join(' ', init.Where(c => c.Terminated?.ExitCode != 0 || !c.Finished).Select(c => c.Name))}]";

        return new PodStatus
        {
            Phase = phase,
            PodIP = podIp,
            PodIPs = podIp is null ? null : [new PodIp { Ip = podIp }],
            StartTime = startTime,
            Conditions =
            [
                clock.Condition("Initialized", initialized || (completed && !initFailed), initialized ? null : completed ? "PodCompleted" : "ContainersNotInitialized", initMessage),
                clock.Condition("ContainersReady", containersReady, containersReady ? null : notReadyReason, notReadyMessage),
                clock.Condition("Ready", containersReady, containersReady ? null : notReadyReason, notReadyMessage),
                clock.Condition("PodScheduled", true, null, null),
            ],
            InitContainerStatuses = init.Count == 0 ? null : init.Select(ContainerStatusOf).ToList(),
            ContainerStatuses = app.Select(ContainerStatusOf).ToList(),
        };
    }

    public static ContainerStatus ContainerStatusOf(ContainerRecord record) => new()
    {
        Name = record.Name,
        Image = record.Spec.Image ?? "",
        ImageID = record.ImageId,
        ContainerID = record.ContainerId is { } id ? DockerPrefix + id : null,
        RestartCount = record.RestartCount,
        Ready = record.Ready,
        Started = record.Started,
        State = StateOf(record),
        LastState = record.LastTerminated is { } last ? new ContainerState { Terminated = TerminatedOf(last) } : new ContainerState(),
    };

    private static ContainerState StateOf(ContainerRecord record)
    {
        if (record.Running)
        {
            return new ContainerState { Running = new ContainerStateRunning { StartedAt = record.StartedAt } };
        }

        if (record.Terminated is { } terminated)
        {
            return new ContainerState { Terminated = TerminatedOf(terminated) };
        }

        return new ContainerState { Waiting = new ContainerStateWaiting { Reason = record.WaitingReason, Message = record.WaitingMessage } };
    }

    private static ContainerStateTerminated TerminatedOf(TerminationInfo info) => new()
    {
        ExitCode = info.ExitCode,
        Reason = info.Reason,
        Message = info.Message,
        StartedAt = info.StartedAt,
        FinishedAt = info.FinishedAt,
        ContainerID = info.ContainerId is { } id ? DockerPrefix + id : null,
    };

    private static ContainerPhaseInput PhaseInput(ContainerRecord record) =>
        record.Running
            ? new ContainerPhaseInput(ContainerPhaseState.Running)
            : record.Terminated is { } t && record.Finished
                ? new ContainerPhaseInput(ContainerPhaseState.Terminated, t.ExitCode)
                : new ContainerPhaseInput(ContainerPhaseState.Waiting, HasTerminatedBefore: record.LastTerminated is not null || record.Terminated is not null);
}

/// <summary>Remembers when each pod condition last changed status, so a republished status keeps its transition times.</summary>
internal sealed class ConditionClock
{
    private readonly Dictionary<string, (string Status, DateTimeOffset Since)> _conditions = [];

    public PodCondition Condition(string type, bool value, string? reason, string? message)
    {
        var status = value ? "True" : "False";
        if (!_conditions.TryGetValue(type, out var known) || known.Status != status)
        {
            known = (status, DateTimeOffset.UtcNow);
            _conditions[type] = known;
        }

        return new PodCondition { Type = type, Status = status, Reason = reason, Message = message, LastTransitionTime = known.Since };
    }
}
