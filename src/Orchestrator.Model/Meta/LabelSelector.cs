namespace Orchestrator.Model.Meta;

/// <summary>
/// A label query over a set of objects (metav1.LabelSelector). The requirements are ANDed. An empty selector
/// matches every object; a null selector matches none.
/// </summary>
public sealed class LabelSelector
{
    /// <summary>Each pair is the same as a matchExpressions element with operator In and a single value.</summary>
    public Dictionary<string, string>? MatchLabels { get; set; }

    /// <summary>Label selector requirements.</summary>
    public List<LabelSelectorRequirement>? MatchExpressions { get; set; }
}

/// <summary>One requirement of a <see cref="LabelSelector"/> (metav1.LabelSelectorRequirement).</summary>
public sealed class LabelSelectorRequirement
{
    /// <summary>The label key the selector applies to. Required.</summary>
    public string Key { get; set; } = "";

    /// <summary>In, NotIn, Exists or DoesNotExist. Required.</summary>
    public string Operator { get; set; } = "";

    /// <summary>Values; must be non-empty for In and NotIn and empty for Exists and DoesNotExist.</summary>
    public List<string>? Values { get; set; }
}

/// <summary>The operators of <see cref="LabelSelectorRequirement"/>.</summary>
public static class LabelSelectorOperator
{
    /// <summary>The label's value is one of the values.</summary>
    public const string In = "In";

    /// <summary>The label is absent or its value is none of the values.</summary>
    public const string NotIn = "NotIn";

    /// <summary>The label is present.</summary>
    public const string Exists = "Exists";

    /// <summary>The label is absent.</summary>
    public const string DoesNotExist = "DoesNotExist";
}
