namespace Orchestrator.Model.Rbac.V1;

/// <summary>A cluster-wide set of policy rules (rbac.authorization.k8s.io/v1 ClusterRole).</summary>
public sealed class ClusterRole : KubernetesObject
{
    /// <summary>Creates an empty ClusterRole.</summary>
    public ClusterRole()
        : base("rbac.authorization.k8s.io/v1", "ClusterRole")
    {
    }

    /// <summary>The rules.</summary>
    public List<PolicyRule>? Rules { get; set; }

    /// <summary>When set, rules are computed from matching ClusterRoles by the controller.</summary>
    public AggregationRule? AggregationRule { get; set; }
}
