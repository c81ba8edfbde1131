using Orchestrator.Model.Core.V1;

namespace Orchestrator.Model.Labels;

/// <summary>The fields of an object that field selectors can use, per kind, as the apiserver exposes them.</summary>
public static class ObjectFields
{
    /// <summary>metadata.name and metadata.namespace for every kind, plus the kind's selectable fields.</summary>
    public static IReadOnlyDictionary<string, string> Of(IKubernetesObject obj)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["metadata.name"] = obj.Metadata.Name ?? string.Empty,
            ["metadata.namespace"] = obj.Metadata.Namespace ?? string.Empty,
        };
        switch (obj)
        {
            case Pod pod:
                fields["spec.nodeName"] = pod.Spec.NodeName ?? string.Empty;
                fields["spec.restartPolicy"] = pod.Spec.RestartPolicy ?? string.Empty;
                fields["spec.schedulerName"] = pod.Spec.SchedulerName ?? string.Empty;
                fields["spec.serviceAccountName"] = pod.Spec.ServiceAccountName ?? string.Empty;
                fields["spec.hostNetwork"] = pod.Spec.HostNetwork == true ? "true" : "false";
                fields["status.phase"] = pod.Status?.Phase ?? string.Empty;
                fields["status.podIP"] = pod.Status?.PodIP ?? string.Empty;
                fields["status.nominatedNodeName"] = pod.Status?.NominatedNodeName ?? string.Empty;
                break;
            case Node node:
                fields["spec.unschedulable"] = node.Spec.Unschedulable == true ? "true" : "false";
                break;
            case Core.V1.Namespace ns:
                fields["status.phase"] = ns.Status?.Phase ?? string.Empty;
                break;
            case Secret secret:
                fields["type"] = secret.Type ?? string.Empty;
                break;
            case Event ev:
                fields["involvedObject.kind"] = ev.InvolvedObject.Kind ?? string.Empty;
                fields["involvedObject.namespace"] = ev.InvolvedObject.Namespace ?? string.Empty;
                fields["involvedObject.name"] = ev.InvolvedObject.Name ?? string.Empty;
                fields["involvedObject.uid"] = ev.InvolvedObject.Uid ?? string.Empty;
                fields["involvedObject.apiVersion"] = ev.InvolvedObject.ApiVersion ?? string.Empty;
                fields["involvedObject.resourceVersion"] = ev.InvolvedObject.ResourceVersion ?? string.Empty;
                fields["involvedObject.fieldPath"] = ev.InvolvedObject.FieldPath ?? string.Empty;
                fields["reason"] = ev.Reason ?? string.Empty;
                fields["reportingComponent"] = ev.ReportingComponent ?? string.Empty;
                fields["source"] = ev.Source?.Component ?? string.Empty;
                fields["type"] = ev.Type ?? string.Empty;
                break;
            case Apps.V1.ReplicaSet rs:
                fields["status.replicas"] = (rs.Status?.Replicas ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
        }

        return fields;
    }
}
