using Orchestrator.Actors.NodeApi;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>
/// Exec into a container (<c>orchctl exec</c>): each request gets its own <see cref="ExecSession"/> child, which streams
/// the output to the requester as it is written and feeds the process's stdin.
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

        Context.ActorOf(ExecSession.Props(_runtime, uid, request, Sender, NodeName));
    }
}
