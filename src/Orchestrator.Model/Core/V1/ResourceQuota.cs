using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Core.V1;

/// <summary>Aggregate resource limits per namespace (core/v1 ResourceQuota).</summary>
public sealed class ResourceQuota : KubernetesObject
{
    /// <summary>Creates an empty quota.</summary>
    public ResourceQuota()
        : base("v1", "ResourceQuota")
    {
    }

    /// <summary>Desired quota.</summary>
    public ResourceQuotaSpec Spec { get; set; } = new();

    /// <summary>Enforced hard limits and observed use. Read-only.</summary>
    public ResourceQuotaStatus? Status { get; set; }
}

/// <summary>Desired quota (core/v1 ResourceQuotaSpec).</summary>
public sealed class ResourceQuotaSpec
{
    /// <summary>Hard limit per named resource, e.g. pods: 10, requests.cpu: 4.</summary>
    public Dictionary<string, Quantity>? Hard { get; set; }

    /// <summary>Filters that must match each object tracked: Terminating, NotTerminating, BestEffort, NotBestEffort, PriorityClass, ...</summary>
    public List<string>? Scopes { get; set; }

    /// <summary>Scope filter expressions, ANDed with scopes.</summary>
    public ScopeSelector? ScopeSelector { get; set; }
}

/// <summary>Scope filter expressions (core/v1 ScopeSelector).</summary>
public sealed class ScopeSelector
{
    /// <summary>Requirements, ANDed.</summary>
    public List<ScopedResourceSelectorRequirement>? MatchExpressions { get; set; }
}

/// <summary>One scope requirement (core/v1 ScopedResourceSelectorRequirement).</summary>
public sealed class ScopedResourceSelectorRequirement
{
    /// <summary>Scope name. Required.</summary>
    public string ScopeName { get; set; } = "";

    /// <summary>In, NotIn, Exists or DoesNotExist. Required.</summary>
    public string Operator { get; set; } = "";

    /// <summary>Values for In and NotIn.</summary>
    public List<string>? Values { get; set; }
}

/// <summary>Enforced quota and use (core/v1 ResourceQuotaStatus).</summary>
public sealed class ResourceQuotaStatus
{
    /// <summary>Enforced hard limits.</summary>
    public Dictionary<string, Quantity>? Hard { get; set; }

    /// <summary>Current observed use.</summary>
    public Dictionary<string, Quantity>? Used { get; set; }
}
