using Orchestrator.Actors.NodeApi;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>
/// Exec into a container (<c>orchctl exec</c>): the command runs in the newest running instance of the container
/// as a task piped straight to the requester, so a long command holds up nothing. It runs until it ends or the
/// agent stops; the output comes in one <see cref="ExecCompleted"/>.
/// </summary>
public sealed partial class NodeAgent
{
    private void ReceiveExec() => Receive<ExecInContainer>(HandleExec);

    private void HandleExec(ExecInContainer request)
    {
        if (FindPodContainer(request.Namespace, request.Pod, request.Container) is not { } uid)
        {
            Sender.Tell(new ExecFailed(WhyNoContainer(request.Namespace, request.Pod, request.Container)), Self);
            return;
        }

        if (request.Command.Count == 0)
        {
            Sender.Tell(new ExecFailed("you must specify at least one command for the container"), Self);
            return;
        }

        var subject = $"container {request.Container} of pod {request.Namespace}/{request.Pod}";
        RunExecAsync(_runtime, uid, request, subject, _lifetime.Token).PipeTo(Sender, Self,
            failure: ex => new ExecFailed($"could not exec in {subject}: {ex.Message}"));
    }

    // Runs off the actor's thread: it touches only its arguments.
    private static async Task<object> RunExecAsync(IContainerRuntime runtime, string podUid, ExecInContainer request, string subject, CancellationToken token)
    {
        var containers = await runtime.ListPodContainersAsync(podUid, token).ConfigureAwait(false);
        var current = containers
            .Where(c => c.Kind != PodLabels.SandboxKind && c.ContainerName == request.Container)
            .OrderByDescending(c => c.RestartCount)
            .FirstOrDefault();
        if (current is not { Running: true })
            return new ExecFailed($"unable to upgrade connection: {subject} is not running");

        var outcome = await runtime.ExecAsync(current.Id, request.Command, Timeout.InfiniteTimeSpan, token).ConfigureAwait(false);
        // A runtime that keeps the streams apart fills Stdout; without it the command did not run (the daemon refused it).
        return outcome.Stdout is null
            ? new ExecFailed($"could not exec in {subject}: {outcome.Output}")
            : new ExecCompleted(outcome.ExitCode, outcome.Stdout, outcome.Stderr ?? "");
    }
}
