namespace Orchestrator.Model.Meta;

/// <summary>The standard condition shape (metav1.Condition) used by newer APIs.</summary>
public sealed class Condition
{
    /// <summary>Type of condition in CamelCase. Required.</summary>
    public string Type { get; set; } = "";

    /// <summary>"True", "False" or "Unknown". Required.</summary>
    public string Status { get; set; } = "";

    /// <summary>The .metadata.generation the condition was set from.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>When the condition last changed status. Required.</summary>
    public DateTimeOffset? LastTransitionTime { get; set; }

    /// <summary>Programmatic CamelCase reason for the last transition. Required.</summary>
    public string? Reason { get; set; }

    /// <summary>Human-readable detail of the transition.</summary>
    public string? Message { get; set; }
}

/// <summary>Values of a condition's status.</summary>
public static class ConditionStatus
{
    /// <summary>The condition holds.</summary>
    public const string True = "True";

    /// <summary>The condition does not hold.</summary>
    public const string False = "False";

    /// <summary>It cannot be told whether the condition holds.</summary>
    public const string Unknown = "Unknown";
}
