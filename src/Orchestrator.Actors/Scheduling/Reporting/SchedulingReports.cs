using System.Text.Json.Nodes;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Scheduling.Reporting;

/// <summary>
/// What a failed attempt writes, as kube-scheduler: the pod's PodScheduled=False condition with reason
/// Unschedulable and the FailedScheduling message, and a Warning Event with reason FailedScheduling.
/// </summary>
public static class SchedulingReports
{
    /// <summary>The Event reason.</summary>
    public const string FailedScheduling = "FailedScheduling";

    /// <summary>The condition reason.</summary>
    public const string Unschedulable = "Unschedulable";

    /// <summary>The pod condition type.</summary>
    public const string PodScheduled = "PodScheduled";

    /// <summary>True when the pod already carries PodScheduled=False/Unschedulable with <paramref name="message"/> (nothing to write).</summary>
    public static bool HasCondition(Pod pod, string message) =>
        pod.Status?.Conditions?.Any(c => c.Type == PodScheduled && c.Status == "False" && c.Reason == Unschedulable && c.Message == message) == true;

    /// <summary>A strategic-merge status patch that sets PodScheduled=False with <paramref name="message"/>.</summary>
    public static PatchObject ConditionPatch(Pod pod, string message, DateTimeOffset now)
    {
        var condition = new JsonObject
        {
            ["type"] = PodScheduled,
            ["status"] = "False",
            ["reason"] = Unschedulable,
            ["message"] = message,
            ["lastTransitionTime"] = now.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        var patch = new JsonObject { ["status"] = new JsonObject { ["conditions"] = new JsonArray(condition) } };
        return new PatchObject(new ObjectKey("", "Pod", pod.Metadata.Namespace ?? "default", pod.Metadata.Name ?? ""), PatchType.StrategicMerge, patch, Status: true);
    }

    /// <summary>A new FailedScheduling Event about <paramref name="pod"/>, written by <paramref name="schedulerName"/>.</summary>
    public static Event FailedEvent(Pod pod, string message, string schedulerName, DateTimeOffset now) => new()
    {
        Metadata =
        {
            Name = $"{pod.Metadata.Name}.{Guid.NewGuid().ToString("N")[..16]}",
            Namespace = pod.Metadata.Namespace ?? "default",
        },
        InvolvedObject = new ObjectReference
        {
            Kind = "Pod",
            ApiVersion = "v1",
            Namespace = pod.Metadata.Namespace ?? "default",
            Name = pod.Metadata.Name,
            Uid = pod.Metadata.Uid,
            ResourceVersion = pod.Metadata.ResourceVersion,
        },
        Reason = FailedScheduling,
        Message = message,
        Type = "Warning",
        Source = new EventSource { Component = schedulerName },
        ReportingComponent = schedulerName,
        Action = "Scheduling",
        FirstTimestamp = now,
        LastTimestamp = now,
        Count = 1,
    };
}
