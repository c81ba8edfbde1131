using System.Text.Json.Nodes;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;
using Orchestrator.Model.Serialization;
using Orchestrator.Model.Tests.Support;
using Orchestrator.Model.Validation;

namespace Orchestrator.Model.Tests.Manifests;

public sealed class ManifestCorpusTests
{
    public static TheoryData<string, string[]> KindsPerFile => new()
    {
        { "app-bundle.yaml", ["Namespace", "ServiceAccount", "ResourceQuota", "LimitRange", "PersistentVolumeClaim", "Pod"] },
        { "configmap.yaml", ["ConfigMap"] },
        { "cronjob.yaml", ["CronJob"] },
        { "daemonset.yaml", ["DaemonSet"] },
        { "deployment.yaml", ["Deployment"] },
        { "hpa.yaml", ["HorizontalPodAutoscaler"] },
        { "ingress.yaml", ["Ingress"] },
        { "job.yaml", ["Job"] },
        { "kubectl-dry-run.yaml", ["Deployment"] },
        { "live-objects.yaml", ["Pod", "Node", "Lease", "Event", "Endpoints"] },
        { "rbac.yaml", ["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"] },
        { "replicaset.json", ["ReplicaSet"] },
        { "secret.yaml", ["Secret", "Secret"] },
        { "service.yaml", ["Service"] },
        { "statefulset.yaml", ["Service", "StatefulSet"] },
    };

    public static TheoryData<string> Files => new(ManifestFiles.Names);

    private static ManifestReadResult ReadStrict(string file) =>
        ManifestSerializer.Default.ReadFile(ManifestFiles.PathOf(file), FieldValidation.Strict);

    [Fact]
    public void Every_sample_file_is_listed_with_its_kinds()
    {
        Assert.Equal(ManifestFiles.Names, KindsPerFile.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(KindsPerFile))]
    public void Each_manifest_loads_in_strict_mode_with_the_expected_kinds(string file, string[] kinds)
    {
        var result = ReadStrict(file);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Empty(result.Warnings);
        Assert.Equal(kinds, result.Objects.Select(o => o.Kind));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_manifest_validates_clean(string file)
    {
        foreach (var document in ReadStrict(file).Documents)
        {
            var result = ObjectValidator.Validate(document.Object);
            Assert.True(result.IsValid, result.Format(document.Object, file, document.Index));
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_manifest_round_trips_through_yaml_and_json_unchanged(string file)
    {
        var objects = ReadStrict(file).Objects;

        var viaYaml = ManifestSerializer.Default.Load(ManifestSerializer.ToYaml(objects), file, FieldValidation.Strict);
        var viaJson = objects.Select(o => ManifestSerializer.Default.Load(ManifestSerializer.ToJson(o), file, FieldValidation.Strict).Single()).ToList();

        Assert.Equal(objects.Count, viaYaml.Count);
        for (var i = 0; i < objects.Count; i++)
        {
            Assert.True(ManifestSerializer.SemanticallyEqual(objects[i], viaYaml[i]), $"{file} document {i} changed through YAML");
            Assert.True(ManifestSerializer.SemanticallyEqual(objects[i], viaJson[i]), $"{file} document {i} changed through JSON");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Writing_a_manifest_back_keeps_every_field_it_had(string file)
    {
        foreach (var document in ReadStrict(file).Documents)
        {
            var differences = new List<string>();
            var written = ManifestSerializer.ToNode(document.Object);
            ManifestFiles.SameLeaves(document.Node, written, string.Empty, differences);

            // Embedded objects (a StatefulSet's volumeClaimTemplates) gain apiVersion and kind, as the apiserver writes them.
            var unexpected = differences.Where(d => !(d.Contains("].apiVersion: null", StringComparison.Ordinal) || d.Contains("].kind: null", StringComparison.Ordinal)));
            Assert.True(!unexpected.Any(), $"{file} document {document.Index}: {string.Join("; ", unexpected)}");
        }
    }

    [Fact]
    public void The_deployment_sample_carries_typed_values_for_every_env_source()
    {
        var deployment = ManifestSerializer.Default.Deserialize<Deployment>(File.ReadAllText(ManifestFiles.PathOf("deployment.yaml")), FieldValidation.Strict);
        var container = deployment.Spec.Template.Spec.Containers.Single();

        Assert.Equal("info", container.Env![0].Value);
        Assert.Equal("feature.flags", container.Env[1].ValueFrom!.ConfigMapKeyRef!.Key);
        Assert.Equal("password", container.Env[2].ValueFrom!.SecretKeyRef!.Key);
        Assert.Equal("metadata.name", container.Env[3].ValueFrom!.FieldRef!.FieldPath);
        Assert.Equal(Quantity.Parse("1Mi"), container.Env[5].ValueFrom!.ResourceFieldRef!.Divisor);
        Assert.Equal("CACHE_", container.EnvFrom![1].Prefix);
        Assert.Equal(Quantity.FromValue(1), container.Resources!.Limits!["cpu"]);
        Assert.Equal(30, container.StartupProbe!.FailureThreshold);
        Assert.Equal(IntOrString.FromInt(0), deployment.Spec.Strategy!.RollingUpdate!.MaxUnavailable);
        Assert.Equal(292, deployment.Spec.Template.Spec.Volumes![0].ConfigMap!.DefaultMode);
        Assert.Equal("ScheduleAnyway", deployment.Spec.Template.Spec.TopologySpreadConstraints!.Single().WhenUnsatisfiable);
    }

    [Fact]
    public void The_live_pod_sample_keeps_its_status_and_container_states()
    {
        var pod = (Pod)ReadStrict("live-objects.yaml").Objects[0];
        var status = pod.Status!.ContainerStatuses!.Single();

        Assert.Equal(PodPhase.Running, pod.Status.Phase);
        Assert.Equal("10.244.1.17", pod.Status.PodIPs!.Single().Ip);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 5, TimeSpan.Zero), status.State!.Running!.StartedAt);
        Assert.Equal(137, status.LastState!.Terminated!.ExitCode);
        Assert.Equal("OOMKilled", status.LastState.Terminated.Reason);
        Assert.Equal(1, status.RestartCount);
        Assert.True(pod.Metadata.OwnerReferences!.Single().Controller);
    }

    [Fact]
    public void The_secret_sample_decodes_base64_data()
    {
        var secret = (Secret)ReadStrict("secret.yaml").Objects[0];

        Assert.Equal("s3cr3t-password", System.Text.Encoding.UTF8.GetString(secret.Data!["password"]));
        Assert.StartsWith("postgres://", secret.StringData!["connection-url"]);
    }

    [Fact]
    public void The_node_sample_exposes_capacity_as_quantities()
    {
        var node = (Node)ReadStrict("live-objects.yaml").Objects[1];

        Assert.Equal(16393232L * 1024, node.Status!.Capacity!["memory"].Value);
        Assert.Equal(3800, node.Status.Allocatable!["cpu"].MilliValue);
        Assert.Equal(10250, node.Status.DaemonEndpoints!.KubeletEndpoint!.Port);
    }

    [Fact]
    public void Writing_the_multi_document_bundle_separates_documents_with_dashes()
    {
        var objects = ReadStrict("app-bundle.yaml").Objects;

        var yaml = ManifestSerializer.ToYaml(objects);

        Assert.Equal(objects.Count - 1, yaml.Split('\n').Count(line => line == "---"));
        Assert.True(JsonNode.DeepEquals(ManifestSerializer.ToNode(objects[0]), ManifestSerializer.ParseNodes(yaml)[0]));
    }
}
