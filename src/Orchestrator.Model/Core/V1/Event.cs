using System.Text.Json.Serialization;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Core.V1;

/// <summary>A report of something that happened in the cluster (core/v1 Event).</summary>
public sealed class Event : KubernetesObject
{
    /// <summary>Creates an empty event.</summary>
    public Event()
        : base("v1", "Event")
    {
    }

    /// <summary>The object this event is about. Required.</summary>
    public ObjectReference InvolvedObject { get; set; } = new();

    /// <summary>Short, machine-understandable CamelCase reason, e.g. Scheduled.</summary>
    public string? Reason { get; set; }

    /// <summary>Human-readable description.</summary>
    public string? Message { get; set; }

    /// <summary>Component reporting the event.</summary>
    public EventSource? Source { get; set; }

    /// <summary>When the event was first recorded.</summary>
    public DateTimeOffset? FirstTimestamp { get; set; }

    /// <summary>When the event most recently occurred.</summary>
    public DateTimeOffset? LastTimestamp { get; set; }

    /// <summary>Times the event has occurred.</summary>
    public int? Count { get; set; }

    /// <summary>Normal or Warning.</summary>
    public string? Type { get; set; }

    /// <summary>When the event was first observed, with microseconds.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? EventTime { get; set; }

    /// <summary>Data about a series of this event.</summary>
    public EventSeries? Series { get; set; }

    /// <summary>What action was taken or failed.</summary>
    public string? Action { get; set; }

    /// <summary>A secondary object for more complex actions.</summary>
    public ObjectReference? Related { get; set; }

    /// <summary>Controller that emitted the event, e.g. kubernetes.io/kubelet.</summary>
    public string? ReportingComponent { get; set; }

    /// <summary>Id of the controller instance.</summary>
    public string? ReportingInstance { get; set; }
}

/// <summary>Who reported an event (core/v1 EventSource).</summary>
public sealed class EventSource
{
    /// <summary>Component the event came from.</summary>
    public string? Component { get; set; }

    /// <summary>Node name the event came from.</summary>
    public string? Host { get; set; }
}

/// <summary>A series of repeated events (core/v1 EventSeries).</summary>
public sealed class EventSeries
{
    /// <summary>Occurrences in the series up to the last heartbeat.</summary>
    public int? Count { get; set; }

    /// <summary>Time of the last occurrence observed.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? LastObservedTime { get; set; }
}
