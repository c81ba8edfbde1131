using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Pods;
using Orchestrator.NodeAgent.Runtime;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Tests.Pods;

/// <summary>Set-up of pod worker specs on the recording runtime: fast back-off, a private emptyDir root, status expectations.</summary>
public abstract class PodWorkerSpecBase : TestKit.TestKit
{
    protected static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    protected readonly RecordingContainerRuntime _runtime = new();

    protected readonly PodWorkerSettings _settings = new()
    {
        BackOffBase = TimeSpan.FromMilliseconds(200),
        BackOffCap = TimeSpan.FromSeconds(1),
        EmptyDirRoot = Path.Combine(Path.GetTempPath(), "orch-spec-" + Guid.NewGuid().ToString("N")[..8]),
    };

    /// <summary>Starts a worker for the pod that reports to <see cref="TestKit.TestKit.TestActor"/>.</summary>
    protected IActorRef StartWorker(Pod pod) => Sys.ActorOf(PodWorker.Props(pod, _runtime, TestActor, _settings));

    /// <summary>Waits for a published status that satisfies <paramref name="predicate"/>.</summary>
    protected PodStatus ExpectStatus(Func<PodStatus, bool> predicate, string hint) =>
        FishForMessage<PodStatusChanged>(m => predicate(m.Status), Deadline, hint).Status;
}
