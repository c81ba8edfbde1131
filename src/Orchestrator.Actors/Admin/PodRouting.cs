using Orchestrator.Actors.NodeApi;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Model;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Labels;
using Orchestrator.Model.Meta;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Admin;

/// <summary>Where a logs or exec request goes: the pod, its container, its node and that node's agent.</summary>
/// <param name="Namespace">The pod's namespace.</param>
/// <param name="Pod">The pod's name.</param>
/// <param name="Container">The container, given or chosen.</param>
/// <param name="Node">The node the pod is bound to.</param>
/// <param name="Agent">The node's agent, resolved from the Node's <see cref="NodeAgentEndpoint.Annotation"/>.</param>
/// <param name="Notes">kubectl's notes about choices made (<c>Found 3 pods, using pod/x</c>, <c>Defaulted container ...</c>).</param>
public sealed record PodRoute(string Namespace, string Pod, string Container, string Node, IActorRef Agent, IReadOnlyList<string> Notes);

/// <summary>
/// Finds where a logs or exec request must go, as the apiserver does before it proxies to the kubelet: the pod (or the
/// first pod of a workload), its container (given, the default-container annotation, or the first), the Node it is
/// bound to, and that node's agent at the address the agent published on the Node. Every failure is an
/// <see cref="AdminError"/> naming what is missing and where.
/// </summary>
internal sealed class PodRouting(StoreClient store, KindCatalog catalog, ActorSystem system, TimeSpan agentTimeout)
{
    /// <summary>kubectl's annotation naming the container <c>logs</c> and <c>exec</c> use when none is given.</summary>
    public const string DefaultContainerAnnotation = "kubectl.kubernetes.io/default-container";

    /// <summary>The route of a request for <paramref name="target"/> in <paramref name="ns"/>, or why there is none.</summary>
    public async Task<(PodRoute? Route, AdminError? Error)> ResolveAsync(string target, string? ns, string? container)
    {
        ns = string.IsNullOrEmpty(ns) ? "default" : ns;
        var notes = new List<string>();
        var (pod, podError) = await FindPodAsync(target, ns, notes).ConfigureAwait(false);
        if (pod is null) return (null, podError);
        var name = pod.Metadata.Name ?? "";

        var names = pod.Spec.Containers.Select(c => c.Name).Concat((pod.Spec.InitContainers ?? []).Select(c => c.Name)).ToList();
        if (string.IsNullOrEmpty(container))
        {
            var annotated = pod.Metadata.Annotation(DefaultContainerAnnotation);
            container = annotated is not null && names.Contains(annotated) ? annotated : pod.Spec.Containers.FirstOrDefault()?.Name ?? "";
            if (names.Count > 1 && annotated != container) notes.Add($"Defaulted container \"{container}\" out of: {string.Join(", ", names)}");
        }
        else if (!names.Contains(container))
        {
            return (null, AdminError.BadRequest($"container {container} is not valid for pod {name}; its containers: {string.Join(", ", names)}"));
        }

        if (string.IsNullOrEmpty(pod.Spec.NodeName))
            return (null, AdminError.BadRequest($"pod {name} is not bound to a node yet (phase {pod.Status?.Phase ?? "Pending"}): no node runs its containers"));
        var node = pod.Spec.NodeName;
        var (agent, agentError) = await FindAgentAsync(node, name).ConfigureAwait(false);
        return agent is null ? (null, agentError) : (new PodRoute(ns, name, container, node, agent, notes), null);
    }

    private async Task<(Pod? Pod, AdminError? Error)> FindPodAsync(string target, string ns, List<string> notes)
    {
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        var resource = slash < 0 ? "pods" : target[..slash];
        var name = slash < 0 ? target : target[(slash + 1)..];
        if (name.Length == 0) return (null, AdminError.BadRequest($"a resource name is required in \"{target}\""));
        if (!catalog.Registry.TryResolve(resource, out var type)) return (null, AdminError.UnknownResource(resource));

        var reply = await store.Send(new GetObject(ObjectKey.For(type, ns, name))).ConfigureAwait(false);
        if (reply.Object is not { } obj) return (null, AdminError.From(reply.Error ?? StatusError.NotFound(type.GroupResource, name)));
        if (obj is Pod pod) return (pod, null);

        if (SelectorOf(obj) is not { } labelSelector)
            return (null, AdminError.BadRequest($"cannot choose a pod of {type.GroupResource}/{name}: it selects no pods"));
        var selector = Selector.FromLabelSelector(labelSelector).ToString();
        var list = await store.List(new ListObjects("", "Pod", ns, selector)).ConfigureAwait(false);
        if (list.Error is { } listError) return (null, AdminError.From(listError));
        var pods = list.Items.OfType<Pod>()
            .Where(p => p.Metadata.DeletionTimestamp is null)
            .OrderBy(p => p.Status?.Phase == "Running" ? 0 : 1)
            .ThenBy(p => p.Metadata.Name, StringComparer.Ordinal)
            .ToList();
        if (pods.Count == 0) return (null, new AdminError(StatusError.NotFoundReason, 404, $"no pods found for {type.GroupResource}/{name} (selector {selector})"));
        if (pods.Count > 1) notes.Add($"Found {pods.Count} pods, using pod/{pods[0].Metadata.Name}");
        return (pods[0], null);
    }

    private static LabelSelector? SelectorOf(IKubernetesObject obj) => obj switch
    {
        Deployment d => d.Spec.Selector,
        ReplicaSet r => r.Spec.Selector,
        StatefulSet s => s.Spec.Selector,
        DaemonSet d => d.Spec.Selector,
        Job j => j.Spec.Selector,
        _ => null,
    };

    private async Task<(IActorRef? Agent, AdminError? Error)> FindAgentAsync(string node, string pod)
    {
        var reply = await store.Send(new GetObject(ObjectKey.For(catalog.Registry.Get<Node>(), null, node))).ConfigureAwait(false);
        if (reply.Object is not Node found)
            return (null, Unavailable($"node {node} of pod {pod} is not registered: {reply.Error?.Message ?? "no such node"}"));
        if (found.Metadata.Annotation(NodeAgentEndpoint.Annotation) is not { Length: > 0 } path)
            return (null, Unavailable($"node {node} publishes no node agent address (annotation {NodeAgentEndpoint.Annotation}); is its agent running?"));

        try
        {
            return (await system.ActorSelection(path).ResolveOne(agentTimeout).ConfigureAwait(false), null);
        }
        catch (Exception e) when (e is ActorNotFoundException or ArgumentException)
        {
            return (null, Unavailable($"the node agent of node {node} at {path} did not answer within {agentTimeout.TotalSeconds:0.#} s: is its process running and reachable from the control plane?"));
        }
    }

    private static AdminError Unavailable(string message) => new("ServiceUnavailable", 503, message);
}
