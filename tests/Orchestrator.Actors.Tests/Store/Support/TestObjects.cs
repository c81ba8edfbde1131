using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;

namespace Orchestrator.Actors.Tests.Store.Support;

/// <summary>Pods for store specs: valid by default, one container.</summary>
public static class TestPods
{
    /// <summary>A pending pod (not bound to a node).</summary>
    public static Pod Pending(string name = "web", string ns = "default", Dictionary<string, string>? labels = null) => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns, Labels = labels },
        Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "nginx:1.27" }] },
    };

    /// <summary>A pod bound to <paramref name="node"/> and running there.</summary>
    public static Pod Running(string name = "web", string ns = "default", string node = "node-1", Dictionary<string, string>? labels = null)
    {
        var pod = Pending(name, ns, labels);
        pod.Spec.NodeName = node;
        pod.Status = new PodStatus { Phase = "Running" };
        return pod;
    }

    /// <summary>The pod with an owner reference to <paramref name="owner"/>.</summary>
    public static Pod OwnedBy(this Pod pod, Model.IKubernetesObject owner, bool blockOwnerDeletion = true)
    {
        (pod.Metadata.OwnerReferences ??= []).Add(new OwnerReference
        {
            ApiVersion = owner.ApiVersion,
            Kind = owner.Kind,
            Name = owner.Metadata.Name!,
            Uid = owner.Metadata.Uid!,
            Controller = true,
            BlockOwnerDeletion = blockOwnerDeletion,
        });
        return pod;
    }

    /// <summary>The pod with <paramref name="finalizers"/>.</summary>
    public static Pod WithFinalizers(this Pod pod, params string[] finalizers)
    {
        pod.Metadata.Finalizers = [.. finalizers];
        return pod;
    }

    /// <summary>Labels from "key=value" pairs.</summary>
    public static Dictionary<string, string> Labels(params string[] pairs) =>
        pairs.Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
}

/// <summary>ReplicaSets for store specs.</summary>
public static class TestReplicaSets
{
    /// <summary>A valid ReplicaSet selecting <c>app=<paramref name="name"/></c>.</summary>
    public static ReplicaSet WithReplicas(int replicas, string name = "web", string ns = "default") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Spec = new ReplicaSetSpec
        {
            Replicas = replicas,
            Selector = new LabelSelector { MatchLabels = new() { ["app"] = name } },
            Template = new PodTemplateSpec
            {
                Metadata = new ObjectMeta { Labels = new() { ["app"] = name } },
                Spec = new PodSpec { Containers = [new Container { Name = "app", Image = "nginx:1.27" }] },
            },
        },
    };
}

/// <summary>Namespaces and config maps for store specs.</summary>
public static class TestMisc
{
    /// <summary>A namespace.</summary>
    public static Namespace Namespace(string name) => new() { Metadata = new ObjectMeta { Name = name } };

    /// <summary>A config map with one entry.</summary>
    public static ConfigMap ConfigMap(string name = "settings", string ns = "default", string value = "1") => new()
    {
        Metadata = new ObjectMeta { Name = name, Namespace = ns },
        Data = new() { ["value"] = value },
    };
}
