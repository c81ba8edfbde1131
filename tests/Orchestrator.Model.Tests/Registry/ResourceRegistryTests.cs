using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Registry;

namespace Orchestrator.Model.Tests.Registry;

public sealed class ResourceRegistryTests
{
    private readonly ResourceRegistry _registry = ResourceRegistry.Default;

    [Theory]
    [InlineData("po", "Pod")]
    [InlineData("pods", "Pod")]
    [InlineData("pod", "Pod")]
    [InlineData("Pod", "Pod")]
    [InlineData("rs", "ReplicaSet")]
    [InlineData("deploy", "Deployment")]
    [InlineData("deployments.apps", "Deployment")]
    [InlineData("svc", "Service")]
    [InlineData("cm", "ConfigMap")]
    [InlineData("no", "Node")]
    [InlineData("nodes", "Node")]
    [InlineData("pods.metrics.k8s.io", "PodMetrics")]
    [InlineData("nodes.metrics.k8s.io", "NodeMetrics")]
    [InlineData("podmetrics", "PodMetrics")]
    [InlineData("ns", "Namespace")]
    [InlineData("ds", "DaemonSet")]
    [InlineData("sts", "StatefulSet")]
    [InlineData("cj", "CronJob")]
    [InlineData("hpa", "HorizontalPodAutoscaler")]
    [InlineData("ing", "Ingress")]
    [InlineData("ep", "Endpoints")]
    [InlineData("ev", "Event")]
    [InlineData("sa", "ServiceAccount")]
    [InlineData("quota", "ResourceQuota")]
    [InlineData("limits", "LimitRange")]
    [InlineData("pvc", "PersistentVolumeClaim")]
    [InlineData("clusterrolebindings.rbac.authorization.k8s.io", "ClusterRoleBinding")]
    [InlineData("leases", "Lease")]
    public void Resolve_accepts_the_names_kubectl_accepts(string name, string kind)
    {
        Assert.True(_registry.TryResolve(name, out var type));
        Assert.Equal(kind, type.Kind);
    }

    [Theory]
    [InlineData("pods.apps")]
    [InlineData("widgets")]
    [InlineData("")]
    public void Resolve_rejects_names_that_are_not_registered(string name)
    {
        Assert.False(_registry.TryResolve(name, out _));
    }

    [Theory]
    [InlineData("v1", "Pod", typeof(Pod), true, "pods")]
    [InlineData("v1", "Node", typeof(Node), false, "nodes")]
    [InlineData("v1", "Namespace", typeof(Orchestrator.Model.Core.V1.Namespace), false, "namespaces")]
    [InlineData("apps/v1", "Deployment", typeof(Deployment), true, "deployments")]
    [InlineData("rbac.authorization.k8s.io/v1", "ClusterRole", typeof(Orchestrator.Model.Rbac.V1.ClusterRole), false, "clusterroles")]
    [InlineData("autoscaling/v2", "HorizontalPodAutoscaler", typeof(Orchestrator.Model.Autoscaling.V2.HorizontalPodAutoscaler), true, "horizontalpodautoscalers")]
    public void Kinds_map_to_clr_types_scope_and_plural(string apiVersion, string kind, Type clrType, bool namespaced, string plural)
    {
        Assert.True(_registry.TryGetByKind(apiVersion, kind, out var type));
        Assert.Equal(clrType, type.ClrType);
        Assert.Equal(namespaced, type.Namespaced);
        Assert.Equal(plural, type.Plural);
        Assert.True(_registry.TryGetByClrType(clrType, out var back));
        Assert.Equal(apiVersion, back.ApiVersion);
    }

    [Fact]
    public void Every_registered_type_reports_the_api_version_and_kind_it_is_registered_under()
    {
        foreach (var type in _registry.All)
        {
            var instance = (IKubernetesObject)Activator.CreateInstance(type.ClrType)!;
            Assert.Equal((type.ApiVersion, type.Kind), (instance.ApiVersion, instance.Kind));
        }
    }

    [Fact]
    public void A_kind_is_not_found_under_another_version()
    {
        Assert.False(_registry.TryGetByKind("apps/v1beta1", "Deployment", out _));
        Assert.False(_registry.TryGetByKind("v1", "Deployment", out _));
    }

    [Fact]
    public void Registering_the_same_kind_twice_is_rejected()
    {
        var registry = new ResourceRegistry([]);
        var pod = ResourceRegistry.Default.Get<Pod>();
        registry.Add(pod);

        Assert.Throws<ArgumentException>(() => registry.Add(pod));
    }

    [Theory]
    [InlineData("apps/v1", "apps", "v1")]
    [InlineData("v1", "", "v1")]
    [InlineData("networking.k8s.io/v1", "networking.k8s.io", "v1")]
    public void SplitApiVersion_separates_group_and_version(string apiVersion, string group, string version)
    {
        Assert.Equal((group, version), ResourceType.SplitApiVersion(apiVersion));
    }
}
