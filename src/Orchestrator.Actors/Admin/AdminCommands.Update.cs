using System.Text.Json.Nodes;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Model;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Admin;

/// <summary>scale, label, annotate, cordon, uncordon and drain.</summary>
internal sealed partial class AdminCommands
{
    private static readonly HashSet<string> ScalableKinds = ["Deployment", "ReplicaSet", "StatefulSet"];

    private async Task<AdminResult> Scale(ScaleObjects request)
    {
        if (request.Replicas < 0) return AdminResult.Failed(AdminError.BadRequest("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0"));
        var selection = await Select(request.Query, requireSelection: true).ConfigureAwait(false);
        if (selection.Error is { } error) return AdminResult.Failed(error);
        if (!ScalableKinds.Contains(selection.Type.Kind))
            return AdminResult.Failed(AdminError.BadRequest($"cannot scale {selection.Type.GroupResource}: only deployments, replicasets and statefulsets have a scale"));

        var outcomes = selection.Missing.Select(m => new ObjectOutcome(ResourceName(selection.Type), "", null, "", m)).ToList();
        foreach (var obj in selection.Objects)
            outcomes.Add(await Patch(selection.Type, obj, new JsonObject { ["spec"] = new JsonObject { ["replicas"] = request.Replicas } }, "scaled").ConfigureAwait(false));
        return new AdminResult(outcomes);
    }

    private async Task<AdminResult> ChangeMetadata(ChangeMetadata request)
    {
        var selection = await Select(request.Query, requireSelection: true).ConfigureAwait(false);
        if (selection.Error is { } error) return AdminResult.Failed(error);
        var field = request.Annotations ? "annotations" : "labels";
        var verb = request.Annotations ? "annotated" : "labeled";
        var outcomes = selection.Missing.Select(m => new ObjectOutcome(ResourceName(selection.Type), "", null, "", m)).ToList();
        foreach (var obj in selection.Objects)
        {
            var current = (request.Annotations ? obj.Metadata.Annotations : obj.Metadata.Labels) ?? [];
            var refused = request.Changes.FirstOrDefault(c => !request.Overwrite && c.Value is not null && current.TryGetValue(c.Key, out var old) && old != c.Value);
            if (refused.Key is not null)
            {
                outcomes.Add(Outcome(selection.Type, obj, "", AdminError.BadRequest($"'{refused.Key}' already has a value ({current[refused.Key]}), and --overwrite is false")));
                continue;
            }

            var changes = new JsonObject();
            foreach (var (key, value) in request.Changes)
            {
                var changed = value is null ? current.ContainsKey(key) : !current.TryGetValue(key, out var old) || old != value;
                if (changed) changes[key] = value;
            }

            outcomes.Add(changes.Count == 0
                ? Outcome(selection.Type, obj, "not " + verb)
                : await Patch(selection.Type, obj, new JsonObject { ["metadata"] = new JsonObject { [field] = changes } }, verb).ConfigureAwait(false));
        }

        return new AdminResult(outcomes);
    }

    private async Task<AdminResult> Cordon(CordonNode request) =>
        new([await SetUnschedulable(request.Name, request.Unschedulable).ConfigureAwait(false)]);

    private async Task<ObjectOutcome> SetUnschedulable(string name, bool unschedulable)
    {
        var type = catalog.Registry.Get<Node>();
        var verb = unschedulable ? "cordoned" : "uncordoned";
        var reply = await _store.Send(new GetObject(Store.Objects.ObjectKey.For(type, null, name))).ConfigureAwait(false);
        if (reply.Object is not Node node) return new ObjectOutcome("node", name, null, "", AdminError.From(reply.Error!));
        if ((node.Spec.Unschedulable ?? false) == unschedulable) return Outcome(type, node, "already " + verb);
        return await Patch(type, node, new JsonObject { ["spec"] = new JsonObject { ["unschedulable"] = unschedulable ? true : null } }, verb).ConfigureAwait(false);
    }

    private async Task<AdminResult> Drain(DrainNode request)
    {
        var cordoned = await SetUnschedulable(request.Name, true).ConfigureAwait(false);
        if (cordoned.Error is not null) return new AdminResult([cordoned]);
        var podType = catalog.Registry.Get<Pod>();
        var list = await _store.List(new ListObjects("", "Pod", null, FieldSelector: $"spec.nodeName={request.Name}")).ConfigureAwait(false);
        if (list.Error is { } listError) return new AdminResult([cordoned], AdminError.From(listError));

        var pods = list.Items.OfType<Pod>().Where(p => p.Metadata.DeletionTimestamp is null && p.Status?.Phase is not ("Succeeded" or "Failed")).ToList();
        var daemons = pods.Where(p => Controller(p)?.Kind == nameof(DaemonSet)).ToList();
        var unmanaged = pods.Where(p => Controller(p) is null).ToList();
        var refusals = new List<string>();
        if (daemons.Count > 0 && !request.IgnoreDaemonSets)
            refusals.Add("cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): " + string.Join(", ", daemons.Select(PodKey)));
        if (unmanaged.Count > 0 && !request.Force)
            refusals.Add("cannot delete Pods that declare no controller (use --force to override): " + string.Join(", ", unmanaged.Select(PodKey)));
        if (refusals.Count > 0)
            return new AdminResult([cordoned], AdminError.BadRequest($"unable to drain node \"{request.Name}\" due to error: {string.Join(", ", refusals)}"));

        var outcomes = new List<ObjectOutcome> { cordoned };
        foreach (var pod in pods.Except(daemons))
        {
            var reply = await _store.Send(new DeleteObject(KeyOf(podType, pod), new DeleteOptions(request.GracePeriodSeconds))).ConfigureAwait(false);
            outcomes.Add(Outcome(podType, pod, "evicted", reply.Error is { } e ? AdminError.From(e) : null));
        }

        return new AdminResult(outcomes);
    }

    private static Model.Meta.OwnerReference? Controller(IKubernetesObject obj) => obj.Metadata.OwnerReferences?.FirstOrDefault(o => o.Controller == true);

    private static string PodKey(Pod pod) => $"{pod.Metadata.Namespace}/{pod.Metadata.Name}";
}
