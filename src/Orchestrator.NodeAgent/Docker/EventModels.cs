using System.Text.Json.Serialization;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>One message of <c>GET /events</c>.</summary>
public sealed record DockerEvent
{
    /// <summary><c>container</c>, <c>image</c>, <c>network</c>, <c>volume</c>, <c>daemon</c>…</summary>
    public string? Type { get; init; }

    /// <summary>What happened, e.g. <c>create</c>, <c>start</c>, <c>die</c>, <c>destroy</c>, <c>oom</c>.</summary>
    public string? Action { get; init; }

    /// <summary>The object it happened to.</summary>
    public DockerEventActor? Actor { get; init; }

    /// <summary><c>local</c> or <c>swarm</c>.</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    /// <summary>Seconds since the epoch.</summary>
    [JsonPropertyName("time")]
    public long Time { get; init; }

    /// <summary>Nanoseconds since the epoch.</summary>
    [JsonPropertyName("timeNano")]
    public long TimeNano { get; init; }

    /// <summary>When it happened.</summary>
    [JsonIgnore]
    public DateTimeOffset Timestamp => TimeNano > 0
        ? DateTimeOffset.UnixEpoch.AddTicks(TimeNano / 100)
        : DateTimeOffset.FromUnixTimeSeconds(Time);
}

/// <summary>The object an event is about.</summary>
public sealed record DockerEventActor
{
    /// <summary>Its id.</summary>
    [JsonPropertyName("ID")]
    public string? Id { get; init; }

    /// <summary>
    /// Its attributes: for containers the name, image and labels, plus <c>exitCode</c> on <c>die</c>
    /// and <c>signal</c> on <c>kill</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}
