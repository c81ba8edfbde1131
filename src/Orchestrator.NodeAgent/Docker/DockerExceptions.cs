using System.Net;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>
/// The Docker daemon answered a request with an error. <see cref="DaemonMessage"/> is the daemon's own
/// <c>message</c> text, kept verbatim because it is what an operator needs to act on.
/// </summary>
public class DockerApiException : Exception
{
    /// <summary>Creates an exception for a failed <paramref name="operation"/>.</summary>
    public DockerApiException(HttpStatusCode statusCode, string daemonMessage, string operation, Exception? innerException = null)
        : base(FormatMessage(statusCode, daemonMessage, operation), innerException)
    {
        StatusCode = statusCode;
        DaemonMessage = daemonMessage;
        Operation = operation;
    }

    /// <summary>The HTTP status of the daemon's response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The daemon's <c>message</c> field (or its raw body when that was not JSON).</summary>
    public string DaemonMessage { get; }

    /// <summary>What the client was doing, e.g. <c>start container web-1</c>.</summary>
    public string Operation { get; }

    /// <summary>True for 404: the container, image or exec instance does not exist.</summary>
    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>True for 409: e.g. the name is taken or the container is in the wrong state.</summary>
    public bool IsConflict => StatusCode == HttpStatusCode.Conflict;

    /// <summary>True for 304: start of a running or stop of a stopped container.</summary>
    public bool IsNotModified => StatusCode == HttpStatusCode.NotModified;

    /// <summary>Builds the most specific exception type for a status code.</summary>
    public static DockerApiException From(HttpStatusCode statusCode, string daemonMessage, string operation) => statusCode switch
    {
        HttpStatusCode.NotFound => new DockerNotFoundException(daemonMessage, operation),
        HttpStatusCode.Conflict => new DockerConflictException(daemonMessage, operation),
        HttpStatusCode.NotModified => new DockerNotModifiedException(daemonMessage, operation),
        _ => new DockerApiException(statusCode, daemonMessage, operation),
    };

    private static string FormatMessage(HttpStatusCode statusCode, string daemonMessage, string operation) =>
        $"Docker {operation} failed ({(int)statusCode} {statusCode}): {daemonMessage}";
}

/// <summary>404 from the daemon: the named object does not exist.</summary>
public sealed class DockerNotFoundException : DockerApiException
{
    /// <summary>Creates the exception.</summary>
    public DockerNotFoundException(string daemonMessage, string operation)
        : base(HttpStatusCode.NotFound, daemonMessage, operation)
    {
    }
}

/// <summary>409 from the daemon: a name clash or an operation the object's state forbids.</summary>
public sealed class DockerConflictException : DockerApiException
{
    /// <summary>Creates the exception.</summary>
    public DockerConflictException(string daemonMessage, string operation)
        : base(HttpStatusCode.Conflict, daemonMessage, operation)
    {
    }
}

/// <summary>304 from the daemon: the container already was in the requested state (started or stopped).</summary>
public sealed class DockerNotModifiedException : DockerApiException
{
    /// <summary>Creates the exception.</summary>
    public DockerNotModifiedException(string daemonMessage, string operation)
        : base(HttpStatusCode.NotModified, daemonMessage, operation)
    {
    }
}

/// <summary>
/// The daemon reported an error inside a streamed response (pull, load, wait) after it had already
/// answered 200, so <see cref="DockerApiException.StatusCode"/> is the stream's status, not the failure's.
/// </summary>
public sealed class DockerStreamErrorException : DockerApiException
{
    /// <summary>Creates the exception.</summary>
    public DockerStreamErrorException(string daemonMessage, string operation, HttpStatusCode streamStatus = HttpStatusCode.OK)
        : base(streamStatus, daemonMessage, operation)
    {
    }
}

/// <summary>The daemon could not be reached at all: no socket, connection refused, or dropped before answering.</summary>
public sealed class DockerUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="endpoint"/>.</summary>
    public DockerUnavailableException(DockerEndpoint endpoint, string operation, Exception? innerException)
        : base($"Docker daemon not reachable at {endpoint} during {operation}: {innerException?.Message ?? "no answer"}", innerException)
    {
        Endpoint = endpoint;
        Operation = operation;
    }

    /// <summary>Where the client tried to connect.</summary>
    public DockerEndpoint Endpoint { get; }

    /// <summary>What the client was doing.</summary>
    public string Operation { get; }
}

/// <summary>The daemon's API version is outside the range this client speaks.</summary>
public sealed class DockerApiVersionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DockerApiVersionException(string message)
        : base(message)
    {
    }
}
