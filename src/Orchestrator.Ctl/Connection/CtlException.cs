using Orchestrator.Actors.Admin;

namespace Orchestrator.Ctl.Connection;

/// <summary>A failure orchctl reports as kubectl does (one line on stderr) and exits with code 1.</summary>
public sealed class CtlException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>kubectl's form of a server error: <c>Error from server (NotFound): pods "x" not found</c>.</summary>
    public static string FromServer(AdminError error) => $"Error from server ({error.Reason}): {error.Message}";

    /// <summary>
    /// How kubectl prints an error: a request it could not even make (unknown resource type, a refused
    /// argument: 400) as <c>error: ...</c>, anything the server refused as <see cref="FromServer"/>.
    /// </summary>
    public static string Describe(AdminError error) =>
        error.Code == 400 || (error.Reason == "NotFound" && error.Message.StartsWith("the server doesn't have", StringComparison.Ordinal))
            ? "error: " + error.Message
            : FromServer(error);

    /// <summary>A server error as an exception.</summary>
    public static CtlException Server(AdminError error) => new(Describe(error));
}
