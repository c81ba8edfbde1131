using System.Text;
using Orchestrator.Model.Autoscaling.V2;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Networking.V1;
using Orchestrator.Model.Rbac.V1;
using Orchestrator.Model.Validation;

namespace Orchestrator.Model.Tests.Validation;

public sealed class CoreKindValidationTests
{
    private static Service Service(params ServicePort[] ports) => new()
    {
        Metadata = new ObjectMeta { Name = "web" },
        Spec = new ServiceSpec { Selector = new() { ["app"] = "web" }, Ports = [.. ports] },
    };

    [Fact]
    public void A_service_needs_ports_and_names_them_when_there_are_several()
    {
        Assert.Equal(["spec.ports: Required value"], ObjectValidator.Validate(Service()).Messages);
        Assert.Equal(
            ["spec.ports[0].name: Required value", "spec.ports[1].name: Required value"],
            ObjectValidator.Validate(Service(new ServicePort { Port = 80 }, new ServicePort { Port = 443 })).Messages);
    }

    [Fact]
    public void A_service_name_must_be_a_dns_1035_label()
    {
        var service = Service(new ServicePort { Port = 80 });
        service.Metadata.Name = "1web";

        var error = Assert.Single(ObjectValidator.Validate(service).Errors);
        Assert.Equal("metadata.name", error.Field);
        Assert.StartsWith("Invalid value: \"1web\": a DNS-1035 label must consist of", error.Body);
    }

    [Theory]
    [InlineData(0, "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive")]
    [InlineData(65536, "spec.ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive")]
    public void Service_ports_must_be_in_range(int port, string expected)
    {
        Assert.Equal([expected], ObjectValidator.Validate(Service(new ServicePort { Port = port })).Messages);
    }

    [Fact]
    public void An_external_name_service_needs_an_external_name()
    {
        var service = Service();
        service.Spec.Type = "ExternalName";

        Assert.Equal(["spec.externalName: Required value"], ObjectValidator.Validate(service).Messages);
    }

    [Fact]
    public void Config_map_keys_and_total_size_are_checked()
    {
        var configMap = new ConfigMap
        {
            Metadata = new ObjectMeta { Name = "settings" },
            Data = new() { ["bad key"] = "x", ["big"] = new string('x', (1024 * 1024) + 1) },
        };

        var messages = ObjectValidator.Validate(configMap).Messages;

        Assert.Equal(2, messages.Count);
        Assert.StartsWith("data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.'", messages[0]);
        Assert.Equal("Too long: may not be more than 1048576 bytes", messages[1]);
    }

    [Fact]
    public void A_tls_secret_needs_a_certificate_and_key()
    {
        var secret = new Secret { Metadata = new ObjectMeta { Name = "tls" }, Type = "kubernetes.io/tls", Data = new() { ["tls.crt"] = Encoding.UTF8.GetBytes("cert") } };

        Assert.Equal(["data[tls.key]: Required value"], ObjectValidator.Validate(secret).Messages);
    }

    [Fact]
    public void Cluster_scoped_kinds_may_not_have_a_namespace()
    {
        var node = new Node { Metadata = new ObjectMeta { Name = "node-a", Namespace = "default" } };

        Assert.Equal(["metadata.namespace: Forbidden: not allowed on this type"], ObjectValidator.Validate(node).Messages);
    }

    [Fact]
    public void Namespace_names_must_be_dns_labels()
    {
        var ns = new Orchestrator.Model.Core.V1.Namespace { Metadata = new ObjectMeta { Name = "team.a" } };

        Assert.Equal("metadata.name", Assert.Single(ObjectValidator.Validate(ns).Errors).Field);
    }

    [Fact]
    public void Ingress_paths_must_be_absolute_for_prefix_matching()
    {
        var ingress = new Ingress
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new IngressSpec
            {
                Rules =
                [
                    new IngressRule
                    {
                        Host = "shop.example.com",
                        Http = new HttpIngressRuleValue
                        {
                            Paths =
                            [
                                new HttpIngressPath
                                {
                                    Path = "api",
                                    PathType = "Prefix",
                                    Backend = new IngressBackend { Service = new IngressServiceBackend { Name = "api", Port = new ServiceBackendPort { Number = 80 } } },
                                },
                            ],
                        },
                    },
                ],
            },
        };

        Assert.Equal(["spec.rules[0].http.paths[0].path: Invalid value: \"api\": must be an absolute path"], ObjectValidator.Validate(ingress).Messages);
    }

    [Fact]
    public void Role_rules_need_verbs_and_cannot_use_non_resource_urls()
    {
        var role = new Role
        {
            Metadata = new ObjectMeta { Name = "reader", Namespace = "default" },
            Rules = [new PolicyRule { NonResourceURLs = ["/healthz"] }],
        };

        Assert.Equal(
            [
                "rules[0].verbs: Required value: verbs must contain at least one value",
                "rules[0].nonResourceURLs: Invalid value: [\"/healthz\"]: namespaced rules cannot apply to non-resource URLs",
            ],
            ObjectValidator.Validate(role).Messages);
    }

    [Fact]
    public void A_cluster_role_binding_must_reference_a_cluster_role_and_namespace_its_service_accounts()
    {
        var binding = new ClusterRoleBinding
        {
            Metadata = new ObjectMeta { Name = "readers" },
            RoleRef = new RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "reader" },
            Subjects = [new Subject { Kind = "ServiceAccount", Name = "builder" }],
        };

        Assert.Equal(
            [
                "roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"",
                "subjects[0].namespace: Required value",
            ],
            ObjectValidator.Validate(binding).Messages);
    }

    [Fact]
    public void An_autoscaler_needs_max_at_least_min_and_a_complete_metric()
    {
        var hpa = new HorizontalPodAutoscaler
        {
            Metadata = new ObjectMeta { Name = "web" },
            Spec = new HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new CrossVersionObjectReference { Kind = "Deployment", Name = "web", ApiVersion = "apps/v1" },
                MinReplicas = 3,
                MaxReplicas = 2,
                Metrics = [new MetricSpec { Type = "Resource", Resource = new ResourceMetricSource { Name = "cpu", Target = new MetricTarget { Type = "Utilization" } } }],
            },
        };

        Assert.Equal(
            [
                "spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`",
                "spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization",
            ],
            ObjectValidator.Validate(hpa).Messages);
    }
}
