namespace Orchestrator.Model.Rbac.V1;

/// <summary>Grants a role's permissions to subjects (rbac.authorization.k8s.io/v1 RoleBinding).</summary>
public sealed class RoleBinding : KubernetesObject
{
    /// <summary>Creates an empty RoleBinding.</summary>
    public RoleBinding()
        : base("rbac.authorization.k8s.io/v1", "RoleBinding")
    {
    }

    /// <summary>Who is granted the role.</summary>
    public List<Subject>? Subjects { get; set; }

    /// <summary>The role granted. Required. Immutable.</summary>
    public RoleRef RoleRef { get; set; } = new();
}
