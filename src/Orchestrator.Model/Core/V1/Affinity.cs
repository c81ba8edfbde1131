using Orchestrator.Model.Meta;

namespace Orchestrator.Model.Core.V1;

/// <summary>Scheduling constraints of a pod (core/v1 Affinity).</summary>
public sealed class Affinity
{
    /// <summary>Node affinity rules.</summary>
    public NodeAffinity? NodeAffinity { get; set; }

    /// <summary>Co-locate with pods matching terms.</summary>
    public PodAffinity? PodAffinity { get; set; }

    /// <summary>Avoid pods matching terms.</summary>
    public PodAntiAffinity? PodAntiAffinity { get; set; }
}

/// <summary>Node affinity rules (core/v1 NodeAffinity).</summary>
public sealed class NodeAffinity
{
    /// <summary>Must be met at scheduling time; later label changes do not evict.</summary>
    public NodeSelector? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }

    /// <summary>Preferred nodes, summed by weight.</summary>
    public List<PreferredSchedulingTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

/// <summary>A union of node selector terms; the terms are ORed (core/v1 NodeSelector).</summary>
public sealed class NodeSelector
{
    /// <summary>The terms. Required.</summary>
    public List<NodeSelectorTerm> NodeSelectorTerms { get; set; } = [];
}

/// <summary>Requirements that are ANDed; an empty term matches nothing (core/v1 NodeSelectorTerm).</summary>
public sealed class NodeSelectorTerm
{
    /// <summary>Requirements on node labels.</summary>
    public List<NodeSelectorRequirement>? MatchExpressions { get; set; }

    /// <summary>Requirements on node fields.</summary>
    public List<NodeSelectorRequirement>? MatchFields { get; set; }
}

/// <summary>One node selector requirement (core/v1 NodeSelectorRequirement).</summary>
public sealed class NodeSelectorRequirement
{
    /// <summary>The label key. Required.</summary>
    public string Key { get; set; } = "";

    /// <summary>In, NotIn, Exists, DoesNotExist, Gt or Lt. Required.</summary>
    public string Operator { get; set; } = "";

    /// <summary>Values; one integer for Gt and Lt, none for Exists and DoesNotExist.</summary>
    public List<string>? Values { get; set; }
}

/// <summary>A weighted node preference (core/v1 PreferredSchedulingTerm).</summary>
public sealed class PreferredSchedulingTerm
{
    /// <summary>Weight, 1-100. Required.</summary>
    public int Weight { get; set; }

    /// <summary>The node selector term. Required.</summary>
    public NodeSelectorTerm Preference { get; set; } = new();
}

/// <summary>Inter-pod affinity (core/v1 PodAffinity).</summary>
public sealed class PodAffinity
{
    /// <summary>Terms that must be met at scheduling time.</summary>
    public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }

    /// <summary>Preferred terms, summed by weight.</summary>
    public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

/// <summary>Inter-pod anti-affinity (core/v1 PodAntiAffinity).</summary>
public sealed class PodAntiAffinity
{
    /// <summary>Terms that must be met at scheduling time.</summary>
    public List<PodAffinityTerm>? RequiredDuringSchedulingIgnoredDuringExecution { get; set; }

    /// <summary>Preferred terms, summed by weight.</summary>
    public List<WeightedPodAffinityTerm>? PreferredDuringSchedulingIgnoredDuringExecution { get; set; }
}

/// <summary>Pods (in namespaces) relative to which this pod is placed, within a topology domain (core/v1 PodAffinityTerm).</summary>
public sealed class PodAffinityTerm
{
    /// <summary>Selects the pods; a null selector matches none.</summary>
    public LabelSelector? LabelSelector { get; set; }

    /// <summary>Namespaces to look in. Default: the pod's own namespace.</summary>
    public List<string>? Namespaces { get; set; }

    /// <summary>Node label whose value defines the domain, e.g. kubernetes.io/hostname. Required.</summary>
    public string TopologyKey { get; set; } = "";

    /// <summary>Selects namespaces to look in, ORed with namespaces.</summary>
    public LabelSelector? NamespaceSelector { get; set; }

    /// <summary>Label keys whose values are copied from the incoming pod into the selector as In requirements.</summary>
    public List<string>? MatchLabelKeys { get; set; }

    /// <summary>Label keys whose values are copied from the incoming pod into the selector as NotIn requirements.</summary>
    public List<string>? MismatchLabelKeys { get; set; }
}

/// <summary>A weighted pod affinity term (core/v1 WeightedPodAffinityTerm).</summary>
public sealed class WeightedPodAffinityTerm
{
    /// <summary>Weight, 1-100. Required.</summary>
    public int Weight { get; set; }

    /// <summary>The term. Required.</summary>
    public PodAffinityTerm PodAffinityTerm { get; set; } = new();
}

/// <summary>Lets a pod be scheduled onto nodes with matching taints (core/v1 Toleration).</summary>
public sealed class Toleration
{
    /// <summary>Taint key; empty with operator Exists matches every key.</summary>
    public string? Key { get; set; }

    /// <summary>Exists or Equal. Default Equal.</summary>
    public string? Operator { get; set; }

    /// <summary>Taint value; empty for Exists.</summary>
    public string? Value { get; set; }

    /// <summary>NoSchedule, PreferNoSchedule or NoExecute; empty matches every effect.</summary>
    public string? Effect { get; set; }

    /// <summary>For NoExecute, seconds the pod stays bound after the taint appears. Default: forever.</summary>
    public long? TolerationSeconds { get; set; }
}

/// <summary>How to spread matching pods across topology domains (core/v1 TopologySpreadConstraint).</summary>
public sealed class TopologySpreadConstraint
{
    /// <summary>Maximum permitted difference in matching pods between domains; greater than 0. Required.</summary>
    public int MaxSkew { get; set; }

    /// <summary>Node label key defining the domains. Required.</summary>
    public string TopologyKey { get; set; } = "";

    /// <summary>DoNotSchedule or ScheduleAnyway. Required.</summary>
    public string WhenUnsatisfiable { get; set; } = "";

    /// <summary>Finds the pods to count.</summary>
    public LabelSelector? LabelSelector { get; set; }

    /// <summary>Minimum number of eligible domains; only with DoNotSchedule. Default 1.</summary>
    public int? MinDomains { get; set; }

    /// <summary>Honor or Ignore the pod's node affinity when counting. Default Honor.</summary>
    public string? NodeAffinityPolicy { get; set; }

    /// <summary>Honor or Ignore node taints when counting. Default Ignore.</summary>
    public string? NodeTaintsPolicy { get; set; }

    /// <summary>Label keys whose values are added to the selector from the incoming pod.</summary>
    public List<string>? MatchLabelKeys { get; set; }
}
