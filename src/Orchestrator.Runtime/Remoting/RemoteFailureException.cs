namespace Orchestrator.Runtime.Remoting;

/// <summary>
/// The cause of a <see cref="Status.Failure"/> that crossed a process boundary: exceptions are not
/// serialized as themselves (that would instantiate types named by the wire), only their type name and message.
/// </summary>
public sealed class RemoteFailureException(string originalType, string message)
    : Exception($"{originalType}: {message}")
{
    /// <summary>The full name of the exception type thrown in the other process.</summary>
    public string OriginalType { get; } = originalType;

    /// <summary>The original exception's message.</summary>
    public string OriginalMessage { get; } = message;
}
