using System.Globalization;
using System.Text.Json.Nodes;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Actors.Admin;

/// <summary>
/// rollout history, undo, restart, pause and resume on Deployments. They read and write only what the
/// Deployment controller reads and writes (the Deployment's template and spec.paused, its ReplicaSets'
/// revision annotations), so they take effect through that controller.
/// </summary>
internal sealed partial class AdminCommands
{
    /// <summary>The revision annotation the Deployment controller puts on its ReplicaSets.</summary>
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    /// <summary>Why a revision was made (kubectl's CHANGE-CAUSE column).</summary>
    public const string ChangeCauseAnnotation = "kubernetes.io/change-cause";

    /// <summary>The template annotation <c>rollout restart</c> sets.</summary>
    public const string RestartedAtAnnotation = "kubectl.kubernetes.io/restartedAt";

    /// <summary>The label the controller adds to a ReplicaSet's template; not part of the Deployment's template.</summary>
    public const string PodTemplateHashLabel = "pod-template-hash";

    private async Task<object> Rollout(RolloutCommand request)
    {
        var selection = await Select(request.Query, requireSelection: true).ConfigureAwait(false);
        if (selection.Error is { } error) return AdminResult.Failed(error);
        if (selection.Type.Kind != nameof(Deployment))
            return AdminResult.Failed(AdminError.BadRequest($"rollout is supported for deployments only, not {selection.Type.GroupResource}"));
        var deployments = selection.Objects.OfType<Deployment>().ToList();
        if (request.Action == RolloutAction.History)
        {
            if (selection.Missing.Count > 0) return new RolloutHistory("", [], selection.Missing[0]);
            var deployment = deployments[0];
            var revisions = (await OwnedReplicaSets(deployment).ConfigureAwait(false))
                .Select(rs => new RolloutRevision(Revision(rs), rs.Metadata.Annotation(ChangeCauseAnnotation), rs.Metadata.Name ?? ""))
                .Where(r => r.Revision > 0)
                .OrderBy(r => r.Revision)
                .ToList();
            return new RolloutHistory(deployment.Metadata.Name ?? "", revisions);
        }

        var outcomes = selection.Missing.Select(m => new ObjectOutcome("deployment.apps", "", null, "", m)).ToList();
        foreach (var deployment in deployments)
            outcomes.Add(await RolloutOne(deployment, request).ConfigureAwait(false));
        return new AdminResult(outcomes);
    }

    private async Task<ObjectOutcome> RolloutOne(Deployment deployment, RolloutCommand request)
    {
        var type = catalog.Registry.Get<Deployment>();
        var paused = deployment.Spec.Paused ?? false;
        switch (request.Action)
        {
            case RolloutAction.Pause when paused:
                return Outcome(type, deployment, "", AdminError.BadRequest($"deployments.apps \"{deployment.Metadata.Name}\" is already paused"));
            case RolloutAction.Pause:
                return await Patch(type, deployment, new JsonObject { ["spec"] = new JsonObject { ["paused"] = true } }, "paused").ConfigureAwait(false);
            case RolloutAction.Resume when !paused:
                return Outcome(type, deployment, "", AdminError.BadRequest($"deployments.apps \"{deployment.Metadata.Name}\" is not paused"));
            case RolloutAction.Resume:
                return await Patch(type, deployment, new JsonObject { ["spec"] = new JsonObject { ["paused"] = null } }, "resumed").ConfigureAwait(false);
            case RolloutAction.Restart when paused:
                return Outcome(type, deployment, "", AdminError.BadRequest($"can't restart paused deployment (run rollout resume first)"));
            case RolloutAction.Restart:
                var stamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                var restart = new JsonObject { ["spec"] = new JsonObject { ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RestartedAtAnnotation] = stamp } } } } };
                return await Patch(type, deployment, restart, "restarted").ConfigureAwait(false);
            default:
                return await Undo(deployment, request.ToRevision).ConfigureAwait(false);
        }
    }

    private async Task<ObjectOutcome> Undo(Deployment deployment, long? toRevision)
    {
        var type = catalog.Registry.Get<Deployment>();
        var owned = (await OwnedReplicaSets(deployment).ConfigureAwait(false)).Where(rs => Revision(rs) > 0).OrderBy(Revision).ToList();
        var target = toRevision is { } wanted and > 0
            ? owned.FirstOrDefault(rs => Revision(rs) == wanted)
            : owned.Count >= 2 ? owned[^2] : null;
        if (target is null)
        {
            var message = toRevision is { } r and > 0 ? $"unable to find specified revision {r} in history" : $"no rollout history found for deployment \"{deployment.Metadata.Name}\"";
            return Outcome(type, deployment, "", AdminError.BadRequest(message));
        }

        var template = ManifestSerializer.ToNode(target.Spec.Template ?? new Model.Core.V1.PodTemplateSpec());
        (template["metadata"]?["labels"] as JsonObject)?.Remove(PodTemplateHashLabel);
        var current = ManifestSerializer.ToNode(deployment.Spec.Template);
        if (JsonNode.DeepEquals(template, current))
            return Outcome(type, deployment, $"skipped rollback (current template already matches revision {Revision(target)})");

        var updated = ManifestSerializer.ToNode(deployment);
        updated["spec"]!["template"] = template;
        var reply = await _store.Send(new UpdateObject(Store.Objects.ObjectCodec.FromNode(updated, type))).ConfigureAwait(false);
        return Outcome(type, deployment, "rolled back", reply.Error is { } e ? AdminError.From(e) : null);
    }

    private async Task<IReadOnlyList<ReplicaSet>> OwnedReplicaSets(Deployment deployment)
    {
        var list = await _store.List(new ListObjects("apps", "ReplicaSet", deployment.Metadata.Namespace)).ConfigureAwait(false);
        return list.Items.OfType<ReplicaSet>()
            .Where(rs => rs.Metadata.OwnerReferences?.Any(o => o.Controller == true && o.Uid == deployment.Metadata.Uid) == true)
            .ToList();
    }

    private static long Revision(ReplicaSet rs) =>
        long.TryParse(rs.Metadata.Annotation(RevisionAnnotation), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;
}
