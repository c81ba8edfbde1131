namespace Orchestrator.Model.Rbac.V1;

/// <summary>Grants a role's permissions to subjects (rbac.authorization.k8s.io/v1 ClusterRoleBinding).</summary>
public sealed class ClusterRoleBinding : KubernetesObject
{
    /// <summary>Creates an empty ClusterRoleBinding.</summary>
    public ClusterRoleBinding()
        : base("rbac.authorization.k8s.io/v1", "ClusterRoleBinding")
    {
    }

    /// <summary>Who is granted the role.</summary>
    public List<Subject>? Subjects { get; set; }

    /// <summary>The role granted. Required. Immutable.</summary>
    public RoleRef RoleRef { get; set; } = new();
}
