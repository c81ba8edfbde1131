using System.Text.Json.Nodes;
using Orchestrator.Model.Validation;

namespace Orchestrator.Actors.Store.Errors;

/// <summary>
/// A failed request as data, shaped like Kubernetes' metav1.Status: a machine-readable
/// <see cref="Reason"/>, the HTTP <see cref="Code"/> an API server answers with, and a message
/// worded as the apiserver words it, so a later HTTPS API can send it to kubectl unchanged.
/// </summary>
/// <param name="Reason">NotFound, AlreadyExists, Conflict, Invalid, Expired (Gone), BadRequest, Timeout.</param>
/// <param name="Code">404, 409, 409, 422, 410, 400, 504.</param>
/// <param name="Message">Human-readable, e.g. <c>pods "web" not found</c>.</param>
/// <param name="Details">What the error is about; null for errors about no single object.</param>
public sealed record StatusError(string Reason, int Code, string Message, StatusDetails? Details = null)
{
    /// <summary>metav1.StatusReasonNotFound.</summary>
    public const string NotFoundReason = "NotFound";

    /// <summary>metav1.StatusReasonAlreadyExists.</summary>
    public const string AlreadyExistsReason = "AlreadyExists";

    /// <summary>metav1.StatusReasonConflict.</summary>
    public const string ConflictReason = "Conflict";

    /// <summary>metav1.StatusReasonInvalid.</summary>
    public const string InvalidReason = "Invalid";

    /// <summary>metav1.StatusReasonExpired, sent with 410 when a watch's resourceVersion is too old.</summary>
    public const string ExpiredReason = "Expired";

    /// <summary>metav1.StatusReasonBadRequest.</summary>
    public const string BadRequestReason = "BadRequest";

    /// <summary>metav1.StatusReasonTimeout.</summary>
    public const string TimeoutReason = "Timeout";

    /// <summary>metav1.StatusReasonForbidden.</summary>
    public const string ForbiddenReason = "Forbidden";

    /// <summary><c>pods "web" not found</c> (404).</summary>
    public static StatusError NotFound(string groupResource, string name) =>
        new(NotFoundReason, 404, $"{groupResource} \"{name}\" not found", new StatusDetails(name, groupResource));

    /// <summary><c>pods "web" already exists</c> (409).</summary>
    public static StatusError AlreadyExists(string groupResource, string name) =>
        new(AlreadyExistsReason, 409, $"{groupResource} \"{name}\" already exists", new StatusDetails(name, groupResource));

    /// <summary><c>Operation cannot be fulfilled on pods "web": detail</c> (409).</summary>
    public static StatusError Conflict(string groupResource, string name, string detail) =>
        new(ConflictReason, 409, $"Operation cannot be fulfilled on {groupResource} \"{name}\": {detail}", new StatusDetails(name, groupResource));

    /// <summary>The stale-resourceVersion conflict every optimistic-concurrency client retries on.</summary>
    public static StatusError StaleResourceVersion(string groupResource, string name) =>
        Conflict(groupResource, name, "the object has been modified; please apply your changes to the latest version and try again");

    /// <summary><c>Pod "web" is invalid: field: message</c> (422), one cause per failing field.</summary>
    public static StatusError Invalid(string kind, string groupResource, string? name, ValidationResult result) =>
        new(InvalidReason, 422, result.Format(kind, name), new StatusDetails(name ?? "", groupResource,
            result.Errors.Select(e => new StatusCause("FieldValue" + e.Type, e.Body, e.Field)).ToList()));

    /// <summary>A watch or continue token refers to history no longer kept (410).</summary>
    public static StatusError Gone(string message) => new(ExpiredReason, 410, message);

    /// <summary>A malformed request, e.g. an unparsable selector or patch (400).</summary>
    public static StatusError BadRequest(string message) => new(BadRequestReason, 400, message);

    /// <summary>The server could not answer in time (504).</summary>
    public static StatusError Timeout(string message) => new(TimeoutReason, 504, message);

    /// <summary>Refused by policy, e.g. creating in a terminating namespace (403).</summary>
    public static StatusError Forbidden(string groupResource, string name, string detail) =>
        new(ForbiddenReason, 403, $"{groupResource} \"{name}\" is forbidden: {detail}", new StatusDetails(name, groupResource));

    /// <summary>The error as the apiserver sends it: a <c>v1 Status</c> object with status Failure.</summary>
    public JsonObject ToStatusJson()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Details is { } details)
        {
            var detailsJson = new JsonObject { ["name"] = details.Name, ["kind"] = details.Kind };
            if (details.Causes is { Count: > 0 } causes)
            {
                detailsJson["causes"] = new JsonArray(causes
                    .Select(c => (JsonNode)new JsonObject { ["reason"] = c.Reason, ["message"] = c.Message, ["field"] = c.Field })
                    .ToArray());
            }

            status["details"] = detailsJson;
        }

        status["code"] = Code;
        return status;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Reason} ({Code}): {Message}";
}

/// <summary>What a <see cref="StatusError"/> is about (metav1.StatusDetails).</summary>
/// <param name="Name">The object's name.</param>
/// <param name="Kind">The resource, e.g. <c>pods</c> or <c>deployments.apps</c>.</param>
/// <param name="Causes">One entry per failing field for Invalid; empty otherwise.</param>
public sealed record StatusDetails(string Name, string Kind, IReadOnlyList<StatusCause>? Causes = null);

/// <summary>One cause of an error (metav1.StatusCause): e.g. reason <c>FieldValueRequired</c>, field <c>spec.containers[0].image</c>.</summary>
public sealed record StatusCause(string Reason, string Message, string Field);
