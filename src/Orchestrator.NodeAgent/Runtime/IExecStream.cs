using Orchestrator.Actors.NodeApi;

namespace Orchestrator.NodeAgent.Runtime;

/// <summary>What to run in a container for an attached exec.</summary>
/// <param name="Command">The executable and its arguments.</param>
/// <param name="Stdin">Attach the process's stdin.</param>
/// <param name="Tty">Give the process a terminal; its output is then one raw stream.</param>
public sealed record ExecStart(IReadOnlyList<string> Command, bool Stdin, bool Tty);

/// <summary>
/// A process started in a container with its streams attached (<see cref="IContainerRuntime.OpenExecAsync"/>): its
/// output as it is written, its stdin, and its exit code once the output has ended. Disposing closes the connection.
/// </summary>
public interface IExecStream : IAsyncDisposable
{
    /// <summary>Output chunks in the order written, until the process closes its output or the token fires.</summary>
    IAsyncEnumerable<ExecOutput> ReadOutputAsync(CancellationToken cancellationToken);

    /// <summary>Writes to the process's stdin.</summary>
    ValueTask WriteInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Ends the process's stdin.</summary>
    void CloseInput();

    /// <summary>Sets the size of the process's terminal (an exec with a TTY).</summary>
    Task ResizeAsync(int rows, int columns, CancellationToken cancellationToken);

    /// <summary>The exit code, once the output has ended.</summary>
    Task<int> WaitExitCodeAsync(CancellationToken cancellationToken);
}
