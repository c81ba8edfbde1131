using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Meta;

namespace Orchestrator.Model.Tests.Support;

/// <summary>Builders for workload objects shared by the tests.</summary>
internal static class TestWorkloads
{
    public static LabelSelector Selector(string key = "app", string value = "web") => new()
    {
        MatchLabels = new() { [key] = value },
    };

    public static Deployment Deployment(string name = "web", int replicas = 3) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Selector = Selector(),
            Template = TestPods.Template(),
        },
    };

    public static ReplicaSet ReplicaSet(string name = "web-5d4f8", int replicas = 3) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = "default" },
        Spec = new ReplicaSetSpec
        {
            Replicas = replicas,
            Selector = Selector(),
            Template = TestPods.Template(),
        },
    };
}
