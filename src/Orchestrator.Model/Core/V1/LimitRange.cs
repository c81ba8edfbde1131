using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Core.V1;

/// <summary>Resource consumption limits per kind of object in a namespace (core/v1 LimitRange).</summary>
public sealed class LimitRange : KubernetesObject
{
    /// <summary>Creates an empty limit range.</summary>
    public LimitRange()
        : base("v1", "LimitRange")
    {
    }

    /// <summary>The limits.</summary>
    public LimitRangeSpec Spec { get; set; } = new();
}

/// <summary>Limits enforced (core/v1 LimitRangeSpec).</summary>
public sealed class LimitRangeSpec
{
    /// <summary>The limit items. Required.</summary>
    public List<LimitRangeItem> Limits { get; set; } = [];
}

/// <summary>Limits for one kind of object (core/v1 LimitRangeItem).</summary>
public sealed class LimitRangeItem
{
    /// <summary>Pod, Container or PersistentVolumeClaim. Required.</summary>
    public string Type { get; set; } = "";

    /// <summary>Maximum usage per resource.</summary>
    public Dictionary<string, Quantity>? Max { get; set; }

    /// <summary>Minimum usage per resource.</summary>
    public Dictionary<string, Quantity>? Min { get; set; }

    /// <summary>Default limit when none is given.</summary>
    public Dictionary<string, Quantity>? Default { get; set; }

    /// <summary>Default request when none is given.</summary>
    public Dictionary<string, Quantity>? DefaultRequest { get; set; }

    /// <summary>Maximum limit/request ratio per resource.</summary>
    public Dictionary<string, Quantity>? MaxLimitRequestRatio { get; set; }
}
