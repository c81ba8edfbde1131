namespace Orchestrator.Actors.Tests.Simulation;

/// <summary>Options of one <see cref="SimulatedNode"/>.</summary>
/// <param name="Name">The Node's name.</param>
/// <param name="Index">Distinguishes the node's pod IPs: pods get 10.&lt;Index&gt;.x.y.</param>
/// <param name="Cpu">CPU capacity (cores).</param>
/// <param name="Memory">Memory capacity, e.g. <c>8Gi</c>.</param>
/// <param name="MaxPods">Pod capacity.</param>
/// <param name="RenewInterval">How often the Lease is renewed.</param>
/// <param name="LeaseDurationSeconds">The Lease's leaseDurationSeconds.</param>
/// <param name="PodsReady">Whether pods are reported Running and Ready as soon as they are bound here (else only Running, not ready, until <see cref="SetPodReady"/>).</param>
public sealed record SimulatedNodeOptions(
    string Name,
    int Index = 1,
    int Cpu = 4,
    string Memory = "8Gi",
    int MaxPods = 110,
    TimeSpan? RenewInterval = null,
    int LeaseDurationSeconds = 40,
    bool PodsReady = true);

/// <summary>The node stops everything a dead kubelet stops: lease renewals, pod status and deletion confirmations.</summary>
public sealed record StopHeartbeat;

/// <summary>The node comes back: renews its lease and handles its pods again.</summary>
public sealed record ResumeHeartbeat;

/// <summary>Sets whether pods bound here from now on are reported ready at once.</summary>
public sealed record SetPodsReady(bool Ready);

/// <summary>Reports one pod bound here ready or not ready (its Ready condition and container readiness).</summary>
public sealed record SetPodReady(string Namespace, string Name, bool Ready);

/// <summary>Asks the node whether it has registered and renewed its lease once; replies <see cref="NodeState"/>.</summary>
public sealed record GetNodeState;

/// <summary>What a simulated node has done so far.</summary>
/// <param name="Registered">The Node object exists.</param>
/// <param name="LeaseRenewals">Successful lease renewals (creation included).</param>
/// <param name="Alive">False after <see cref="StopHeartbeat"/>.</param>
/// <param name="PodsSeen">Pods currently bound here in its view.</param>
/// <param name="RenewalInFlight">A lease renewal was sent and has not been answered yet.</param>
public sealed record NodeState(bool Registered, int LeaseRenewals, bool Alive, int PodsSeen, bool RenewalInFlight);
