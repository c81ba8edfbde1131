using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>
/// One line of a streamed progress response (pull, load): Docker's "JSON message".
/// A line with <see cref="Error"/> set ends the stream with a failure.
/// </summary>
public sealed record ProgressMessage
{
    /// <summary>Human-readable status, e.g. <c>Pulling fs layer</c> or <c>Digest: sha256:…</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>The layer or object the status is about.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>A rendered progress bar.</summary>
    [JsonPropertyName("progress")]
    public string? Progress { get; init; }

    /// <summary>Bytes done and total for a layer.</summary>
    [JsonPropertyName("progressDetail")]
    public ProgressDetail? ProgressDetail { get; init; }

    /// <summary>Free text output, e.g. <c>Loaded image: name:tag</c> from a load.</summary>
    [JsonPropertyName("stream")]
    public string? Stream { get; init; }

    /// <summary>The daemon's error text when the operation failed.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    /// <summary>Structured form of <see cref="Error"/>.</summary>
    [JsonPropertyName("errorDetail")]
    public ProgressErrorDetail? ErrorDetail { get; init; }

    /// <summary>Operation-specific extra data.</summary>
    [JsonPropertyName("aux")]
    public JsonElement? Aux { get; init; }

    /// <summary>The error text, whichever of the two error fields carried it.</summary>
    [JsonIgnore]
    public string? ErrorMessage => !string.IsNullOrEmpty(ErrorDetail?.Message) ? ErrorDetail.Message : Error;
}

/// <summary>Byte counts of one progress line.</summary>
public sealed record ProgressDetail
{
    /// <summary>Bytes done.</summary>
    [JsonPropertyName("current")]
    public long? Current { get; init; }

    /// <summary>Bytes in total.</summary>
    [JsonPropertyName("total")]
    public long? Total { get; init; }
}

/// <summary>The structured error of a progress stream.</summary>
public sealed record ProgressErrorDetail
{
    /// <summary>Numeric code, rarely set.</summary>
    [JsonPropertyName("code")]
    public int? Code { get; init; }

    /// <summary>The daemon's error text.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
