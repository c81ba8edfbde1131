using static Orchestrator.Ctl.Output.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Ctl.Output;

/// <summary>
/// The STATUS column of a pod as kubectl derives it: Terminating while being deleted, else the most telling
/// container state (a waiting reason such as ContainerCreating or CrashLoopBackOff, a termination reason),
/// else the pod's reason or phase.
/// </summary>
public static class PodStatus
{
    /// <summary>The status text of one pod's JSON.</summary>
    public static string Of(JsonNode pod)
    {
        if (Str(pod, "metadata.deletionTimestamp") is not null) return "Terminating";
        var reason = Str(pod, "status.reason") ?? Str(pod, "status.phase") ?? "Pending";
        var initStatuses = Items(pod, "status.initContainerStatuses").ToList();
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var s = initStatuses[i];
            if (Str(s, "state.terminated.exitCode") == "0") continue;
            if (Str(s, "state.terminated.reason") is { } t) return "Init:" + t;
            if (Str(s, "state.waiting.reason") is { } w && w != "PodInitializing") return "Init:" + w;
            return $"Init:{i}/{Items(pod, "spec.initContainers").Count()}";
        }

        var running = false;
        foreach (var s in Items(pod, "status.containerStatuses").Reverse())
        {
            if (Str(s, "state.waiting.reason") is { Length: > 0 } waiting) reason = waiting;
            else if (Str(s, "state.terminated.reason") is { Length: > 0 } terminated) reason = terminated;
            else if (At(s, "state.terminated") is JsonObject term)
                reason = Str(term, "signal") is { } signal ? $"Signal:{signal}" : $"ExitCode:{Str(term, "exitCode")}";
            else if (At(s, "state.running") is not null && Str(s, "ready") == "true") running = true;
        }

        return reason == "Completed" && running ? "Running" : reason;
    }
}
