using System.Runtime.CompilerServices;
using Orchestrator.Actors.NodeApi;
using Orchestrator.NodeAgent.Docker;

namespace Orchestrator.NodeAgent.Runtime;

/// <summary>An attached Docker exec as an <see cref="IExecStream"/>: frames become <see cref="ExecOutput"/> chunks.</summary>
internal sealed class DockerExecStream(DockerClient docker, DockerExecConnection connection) : IExecStream
{
    /// <inheritdoc />
    public async IAsyncEnumerable<ExecOutput> ReadOutputAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var frame in connection.ReadOutputAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (frame.Stream)
            {
                case LogStreamType.Stdout or LogStreamType.Tty:
                    yield return new ExecOutput("stdout", frame.Payload.ToArray());
                    break;
                case LogStreamType.Stderr:
                    yield return new ExecOutput("stderr", frame.Payload.ToArray());
                    break;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask WriteInputAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
        connection.WriteInputAsync(data, cancellationToken);

    /// <inheritdoc />
    public void CloseInput() => connection.CloseInput();

    /// <inheritdoc />
    public Task ResizeAsync(int rows, int columns, CancellationToken cancellationToken) =>
        docker.Exec.ResizeAsync(connection.ExecId, rows, columns, cancellationToken);

    /// <inheritdoc />
    public Task<int> WaitExitCodeAsync(CancellationToken cancellationToken) =>
        docker.Exec.WaitExitCodeAsync(connection.ExecId, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
