using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Autoscaling.V2;

/// <summary>Scales a workload's replicas from metrics (autoscaling/v2 HorizontalPodAutoscaler).</summary>
public sealed class HorizontalPodAutoscaler : KubernetesObject
{
    /// <summary>Creates an empty autoscaler.</summary>
    public HorizontalPodAutoscaler()
        : base("autoscaling/v2", "HorizontalPodAutoscaler")
    {
    }

    /// <summary>Desired behavior.</summary>
    public HorizontalPodAutoscalerSpec Spec { get; set; } = new();

    /// <summary>Most recently observed status. Read-only.</summary>
    public HorizontalPodAutoscalerStatus? Status { get; set; }
}

/// <summary>Desired autoscaler behavior (autoscaling/v2 HorizontalPodAutoscalerSpec).</summary>
public sealed class HorizontalPodAutoscalerSpec
{
    /// <summary>The scaled resource. Required.</summary>
    public CrossVersionObjectReference ScaleTargetRef { get; set; } = new();

    /// <summary>Lower replica limit. Default 1.</summary>
    public int? MinReplicas { get; set; }

    /// <summary>Upper replica limit; not below minReplicas. Required.</summary>
    public int MaxReplicas { get; set; }

    /// <summary>Metrics to compute the desired count from; the largest wins. Default: 80% average CPU utilization.</summary>
    public List<MetricSpec>? Metrics { get; set; }

    /// <summary>Scaling behavior up and down. Default: the standard HPA behavior.</summary>
    public HorizontalPodAutoscalerBehavior? Behavior { get; set; }
}

/// <summary>Identifies a resource across versions (autoscaling/v2 CrossVersionObjectReference).</summary>
public sealed class CrossVersionObjectReference
{
    /// <summary>Kind of the referent. Required.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Name of the referent. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>API version of the referent.</summary>
    public string? ApiVersion { get; set; }
}

/// <summary>One metric to scale on; type says which field is set (autoscaling/v2 MetricSpec).</summary>
public sealed class MetricSpec
{
    /// <summary>ContainerResource, External, Object, Pods or Resource. Required.</summary>
    public string Type { get; set; } = "";

    /// <summary>A metric describing one object.</summary>
    public ObjectMetricSource? Object { get; set; }

    /// <summary>A metric averaged over the pods.</summary>
    public PodsMetricSource? Pods { get; set; }

    /// <summary>A resource metric (cpu, memory) of the pods.</summary>
    public ResourceMetricSource? Resource { get; set; }

    /// <summary>A resource metric of one container of the pods.</summary>
    public ContainerResourceMetricSource? ContainerResource { get; set; }

    /// <summary>A metric from outside the cluster.</summary>
    public ExternalMetricSource? External { get; set; }
}

/// <summary>A target value (autoscaling/v2 MetricTarget).</summary>
public sealed class MetricTarget
{
    /// <summary>Utilization, Value or AverageValue. Required.</summary>
    public string Type { get; set; } = "";

    /// <summary>Target value of the metric.</summary>
    public Quantity? Value { get; set; }

    /// <summary>Target average over the pods.</summary>
    public Quantity? AverageValue { get; set; }

    /// <summary>Target average utilization as a percentage of the request; Resource metrics only.</summary>
    public int? AverageUtilization { get; set; }
}

/// <summary>Names a metric (autoscaling/v2 MetricIdentifier).</summary>
public sealed class MetricIdentifier
{
    /// <summary>Metric name. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>Label selector narrowing the metric.</summary>
    public Meta.LabelSelector? Selector { get; set; }
}

/// <summary>An object metric (autoscaling/v2 ObjectMetricSource).</summary>
public sealed class ObjectMetricSource
{
    /// <summary>The object. Required.</summary>
    public CrossVersionObjectReference DescribedObject { get; set; } = new();

    /// <summary>Target. Required.</summary>
    public MetricTarget Target { get; set; } = new();

    /// <summary>The metric. Required.</summary>
    public MetricIdentifier Metric { get; set; } = new();
}

/// <summary>A per-pod metric (autoscaling/v2 PodsMetricSource).</summary>
public sealed class PodsMetricSource
{
    /// <summary>The metric. Required.</summary>
    public MetricIdentifier Metric { get; set; } = new();

    /// <summary>Target (AverageValue only). Required.</summary>
    public MetricTarget Target { get; set; } = new();
}

/// <summary>A resource metric (autoscaling/v2 ResourceMetricSource).</summary>
public sealed class ResourceMetricSource
{
    /// <summary>Resource name, e.g. cpu. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>Target. Required.</summary>
    public MetricTarget Target { get; set; } = new();
}

/// <summary>A container resource metric (autoscaling/v2 ContainerResourceMetricSource).</summary>
public sealed class ContainerResourceMetricSource
{
    /// <summary>Resource name. Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>Target. Required.</summary>
    public MetricTarget Target { get; set; } = new();

    /// <summary>Container name. Required.</summary>
    public string Container { get; set; } = "";
}

/// <summary>An external metric (autoscaling/v2 ExternalMetricSource).</summary>
public sealed class ExternalMetricSource
{
    /// <summary>The metric. Required.</summary>
    public MetricIdentifier Metric { get; set; } = new();

    /// <summary>Target. Required.</summary>
    public MetricTarget Target { get; set; } = new();
}

/// <summary>Scaling behavior (autoscaling/v2 HorizontalPodAutoscalerBehavior).</summary>
public sealed class HorizontalPodAutoscalerBehavior
{
    /// <summary>Scale-up rules. Default: no stabilization; max of 4 pods or 100% per 15s.</summary>
    public HpaScalingRules? ScaleUp { get; set; }

    /// <summary>Scale-down rules. Default: 300s stabilization; 100% per 15s.</summary>
    public HpaScalingRules? ScaleDown { get; set; }
}

/// <summary>Scaling rules for one direction (autoscaling/v2 HPAScalingRules).</summary>
public sealed class HpaScalingRules
{
    /// <summary>Seconds of past recommendations considered, 0-3600.</summary>
    public int? StabilizationWindowSeconds { get; set; }

    /// <summary>Max, Min or Disabled. Default Max.</summary>
    public string? SelectPolicy { get; set; }

    /// <summary>Allowed changes per period.</summary>
    public List<HpaScalingPolicy>? Policies { get; set; }

    /// <summary>Tolerance on the metric ratio before scaling. Default: the cluster's (10%).</summary>
    public Quantity? Tolerance { get; set; }
}

/// <summary>One scaling policy (autoscaling/v2 HPAScalingPolicy).</summary>
public sealed class HpaScalingPolicy
{
    /// <summary>Pods or Percent. Required.</summary>
    public string Type { get; set; } = "";

    /// <summary>Amount of change allowed; greater than 0. Required.</summary>
    public int Value { get; set; }

    /// <summary>Window in seconds, 1-1800. Required.</summary>
    public int PeriodSeconds { get; set; }
}

/// <summary>Observed autoscaler state (autoscaling/v2 HorizontalPodAutoscalerStatus).</summary>
public sealed class HorizontalPodAutoscalerStatus
{
    /// <summary>Generation observed.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>When the replica count last changed.</summary>
    public DateTimeOffset? LastScaleTime { get; set; }

    /// <summary>Current replicas.</summary>
    public int? CurrentReplicas { get; set; }

    /// <summary>Desired replicas as last computed. Required.</summary>
    public int DesiredReplicas { get; set; }

    /// <summary>Last read metric values.</summary>
    public List<MetricStatus>? CurrentMetrics { get; set; }

    /// <summary>AbleToScale, ScalingActive, ScalingLimited.</summary>
    public List<HorizontalPodAutoscalerCondition>? Conditions { get; set; }
}

/// <summary>Last read value of one metric (autoscaling/v2 MetricStatus).</summary>
public sealed class MetricStatus
{
    /// <summary>Metric source type. Required.</summary>
    public string Type { get; set; } = "";

    /// <summary>Object metric status.</summary>
    public ObjectMetricStatus? Object { get; set; }

    /// <summary>Pods metric status.</summary>
    public PodsMetricStatus? Pods { get; set; }

    /// <summary>Resource metric status.</summary>
    public ResourceMetricStatus? Resource { get; set; }

    /// <summary>Container resource metric status.</summary>
    public ContainerResourceMetricStatus? ContainerResource { get; set; }

    /// <summary>External metric status.</summary>
    public ExternalMetricStatus? External { get; set; }
}

/// <summary>A current metric value (autoscaling/v2 MetricValueStatus).</summary>
public sealed class MetricValueStatus
{
    /// <summary>Current value.</summary>
    public Quantity? Value { get; set; }

    /// <summary>Current average over pods.</summary>
    public Quantity? AverageValue { get; set; }

    /// <summary>Current average utilization percentage.</summary>
    public int? AverageUtilization { get; set; }
}

/// <summary>Object metric status (autoscaling/v2 ObjectMetricStatus).</summary>
public sealed class ObjectMetricStatus
{
    /// <summary>The metric.</summary>
    public MetricIdentifier Metric { get; set; } = new();

    /// <summary>Current value.</summary>
    public MetricValueStatus Current { get; set; } = new();

    /// <summary>The object.</summary>
    public CrossVersionObjectReference DescribedObject { get; set; } = new();
}

/// <summary>Pods metric status (autoscaling/v2 PodsMetricStatus).</summary>
public sealed class PodsMetricStatus
{
    /// <summary>The metric.</summary>
    public MetricIdentifier Metric { get; set; } = new();

    /// <summary>Current value.</summary>
    public MetricValueStatus Current { get; set; } = new();
}

/// <summary>Resource metric status (autoscaling/v2 ResourceMetricStatus).</summary>
public sealed class ResourceMetricStatus
{
    /// <summary>Resource name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Current value.</summary>
    public MetricValueStatus Current { get; set; } = new();
}

/// <summary>Container resource metric status (autoscaling/v2 ContainerResourceMetricStatus).</summary>
public sealed class ContainerResourceMetricStatus
{
    /// <summary>Resource name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Current value.</summary>
    public MetricValueStatus Current { get; set; } = new();

    /// <summary>Container name.</summary>
    public string Container { get; set; } = "";
}

/// <summary>External metric status (autoscaling/v2 ExternalMetricStatus).</summary>
public sealed class ExternalMetricStatus
{
    /// <summary>The metric.</summary>
    public MetricIdentifier Metric { get; set; } = new();

    /// <summary>Current value.</summary>
    public MetricValueStatus Current { get; set; } = new();
}

/// <summary>One autoscaler condition (autoscaling/v2 HorizontalPodAutoscalerCondition).</summary>
public sealed class HorizontalPodAutoscalerCondition
{
    /// <summary>Type of the condition. Required.</summary>
    public string Type { get; set; } = "";

    /// <summary>True, False or Unknown. Required.</summary>
    public string Status { get; set; } = "";

    /// <summary>Last time the condition changed status.</summary>
    public DateTimeOffset? LastTransitionTime { get; set; }

    /// <summary>Reason for the last transition.</summary>
    public string? Reason { get; set; }

    /// <summary>Details.</summary>
    public string? Message { get; set; }
}
