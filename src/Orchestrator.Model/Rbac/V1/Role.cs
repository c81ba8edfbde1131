namespace Orchestrator.Model.Rbac.V1;

/// <summary>A namespaced set of policy rules (rbac.authorization.k8s.io/v1 Role).</summary>
public sealed class Role : KubernetesObject
{
    /// <summary>Creates an empty Role.</summary>
    public Role()
        : base("rbac.authorization.k8s.io/v1", "Role")
    {
    }

    /// <summary>The rules.</summary>
    public List<PolicyRule>? Rules { get; set; }
}
