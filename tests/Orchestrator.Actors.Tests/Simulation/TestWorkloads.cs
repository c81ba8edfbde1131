using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;

namespace Orchestrator.Actors.Tests.Simulation;

/// <summary>Workload objects for controller specs: selector <c>app=&lt;name&gt;</c>, one nginx container.</summary>
public static class TestWorkloads
{
    /// <summary>A pod template labelled <c>app=<paramref name="app"/></c>, bound to <paramref name="node"/> when given (for specs without a scheduler).</summary>
    public static PodTemplateSpec Template(string app, string image = "nginx:1.27", string? node = null) => new()
    {
        Metadata = new ObjectMeta { Labels = new() { ["app"] = app } },
        Spec = new PodSpec { NodeName = node, Containers = [new Container { Name = "app", Image = image }] },
    };

    /// <summary>A ReplicaSet of <paramref name="replicas"/>.</summary>
    public static ReplicaSet ReplicaSet(string name, int replicas, string? node = null, string ns = "default") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new ReplicaSetSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = name } },
            Template = Template(name, node: node),
        },
    };

    /// <summary>A Deployment of <paramref name="replicas"/> with the RollingUpdate strategy given.</summary>
    public static Deployment Deployment(string name, int replicas, string? node = null, string maxSurge = "25%", string maxUnavailable = "25%", string ns = "default") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = name } },
            Template = Template(name, node: node),
            Strategy = new DeploymentStrategy
            {
                Type = DeploymentStrategyType.RollingUpdate,
                RollingUpdate = new RollingUpdateDeployment
                {
                    MaxSurge = int.TryParse(maxSurge, out var surge) ? surge : maxSurge,
                    MaxUnavailable = int.TryParse(maxUnavailable, out var unavailable) ? unavailable : maxUnavailable,
                },
            },
        },
    };
}
