namespace Orchestrator.Model.Rbac.V1;

/// <summary>Actions allowed on resources (rbac.authorization.k8s.io/v1 PolicyRule).</summary>
public sealed class PolicyRule
{
    /// <summary>Verbs, e.g. get, list, watch; "*" for all. Required.</summary>
    public List<string> Verbs { get; set; } = [];

    /// <summary>API groups; "" is the core group, "*" all.</summary>
    public List<string>? ApiGroups { get; set; }

    /// <summary>Resources, e.g. pods, pods/log; "*" for all.</summary>
    public List<string>? Resources { get; set; }

    /// <summary>Allowed object names; empty means all.</summary>
    public List<string>? ResourceNames { get; set; }

    /// <summary>Non-resource URL paths such as /healthz; ClusterRole only.</summary>
    public List<string>? NonResourceURLs { get; set; }
}

/// <summary>Who a binding grants to (rbac.authorization.k8s.io/v1 Subject).</summary>
public sealed class Subject
{
    /// <summary>User, Group or ServiceAccount. Required.</summary>
    public string Kind { get; set; } = "";

    /// <summary>API group; "" for ServiceAccount, "rbac.authorization.k8s.io" for User and Group.</summary>
    public string? ApiGroup { get; set; }

    /// <summary>Name of the subject. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>Namespace of a ServiceAccount subject.</summary>
    public string? Namespace { get; set; }
}

/// <summary>The role a binding refers to (rbac.authorization.k8s.io/v1 RoleRef). Immutable.</summary>
public sealed class RoleRef
{
    /// <summary>API group of the role. Required.</summary>
    public string ApiGroup { get; set; } = "";

    /// <summary>Role or ClusterRole. Required.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Name of the role. Required.</summary>
    public string Name { get; set; } = "";
}

/// <summary>How a ClusterRole's rules are aggregated from others (rbac.authorization.k8s.io/v1 AggregationRule).</summary>
public sealed class AggregationRule
{
    /// <summary>Selectors of ClusterRoles whose rules are merged in.</summary>
    public List<Meta.LabelSelector>? ClusterRoleSelectors { get; set; }
}
