using System.Text.Json.Nodes;
using Orchestrator.Model;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Batch.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Defaulting;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Model.Tests.Defaulting;

public sealed class ObjectDefaulterSpec
{
    private static T Parse<T>(string yaml) => ManifestSerializer.FromNode<T>(ManifestSerializer.ParseNodes(yaml).Single());

    private const string MinimalDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers:
              - name: web
                image: nginx
                ports: [{containerPort: 80}]
                readinessProbe: {httpGet: {port: 80}}
              volumes: [{name: cfg, configMap: {name: cfg}}]
        """;

    [Fact]
    public void A_minimal_Deployment_gets_the_apiservers_defaults()
    {
        var deployment = Parse<Deployment>(MinimalDeployment);

        ObjectDefaulter.Apply(deployment);

        var spec = deployment.Spec;
        Assert.Equal(1, spec.Replicas);
        Assert.Equal("RollingUpdate", spec.Strategy!.Type);
        Assert.Equal("25%", spec.Strategy.RollingUpdate!.MaxSurge!.Value.StringValue);
        Assert.Equal("25%", spec.Strategy.RollingUpdate.MaxUnavailable!.Value.StringValue);
        Assert.Equal((10, 600), (spec.RevisionHistoryLimit, spec.ProgressDeadlineSeconds));
        var pod = spec.Template.Spec;
        Assert.Equal(("Always", 30L, "ClusterFirst", "default-scheduler"), (pod.RestartPolicy, pod.TerminationGracePeriodSeconds, pod.DnsPolicy, pod.SchedulerName));
        var container = pod.Containers[0];
        Assert.Equal("Always", container.ImagePullPolicy); // no tag means :latest
        Assert.Equal("TCP", container.Ports![0].Protocol);
        Assert.Equal(("/dev/termination-log", "File"), (container.TerminationMessagePath, container.TerminationMessagePolicy));
        var probe = container.ReadinessProbe!;
        Assert.Equal((1, 10, 1, 3), (probe.TimeoutSeconds, probe.PeriodSeconds, probe.SuccessThreshold, probe.FailureThreshold));
        Assert.Equal(("/", "HTTP"), (probe.HttpGet!.Path, probe.HttpGet.Scheme));
        Assert.Equal(420, pod.Volumes![0].ConfigMap!.DefaultMode);
    }

    [Fact]
    public void Values_the_user_set_are_kept()
    {
        var deployment = Parse<Deployment>(MinimalDeployment);
        deployment.Spec.Replicas = 0;
        deployment.Spec.Strategy = new DeploymentStrategy { Type = "Recreate" };
        deployment.Spec.Template.Spec.RestartPolicy = "OnFailure";
        deployment.Spec.Template.Spec.Containers[0].ImagePullPolicy = "Never";

        ObjectDefaulter.Apply(deployment);

        Assert.Equal(0, deployment.Spec.Replicas);
        Assert.Equal("Recreate", deployment.Spec.Strategy.Type);
        Assert.Null(deployment.Spec.Strategy.RollingUpdate);
        Assert.Equal("OnFailure", deployment.Spec.Template.Spec.RestartPolicy);
        Assert.Equal("Never", deployment.Spec.Template.Spec.Containers[0].ImagePullPolicy);
    }

    [Fact]
    public void Defaulting_twice_changes_nothing()
    {
        var once = Parse<Deployment>(MinimalDeployment);
        ObjectDefaulter.Apply(once);
        var twice = ManifestSerializer.DeepCopy(once);
        ObjectDefaulter.Apply(twice);
        Assert.True(JsonNode.DeepEquals(ManifestSerializer.ToNode(once), ManifestSerializer.ToNode(twice)));
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.27", "IfNotPresent")]
    [InlineData("127.0.0.1:5000/orchestrator/busybox", "Always")]
    [InlineData("127.0.0.1:5000/orchestrator/busybox:1", "IfNotPresent")]
    [InlineData("busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "IfNotPresent")]
    public void Image_pull_policy_follows_the_tag(string image, string expected) =>
        Assert.Equal(expected, PodDefaults.ImagePullPolicyFor(image));

    [Fact]
    public void Jobs_CronJobs_and_Services_get_their_defaults()
    {
        var job = new Job { Spec = { Template = { Spec = { Containers = [new Container { Name = "c", Image = "busybox:1" }], RestartPolicy = "Never" } } } };
        ObjectDefaulter.Apply(job);
        Assert.Equal((1, 1, 6, "NonIndexed"), (job.Spec.Completions, job.Spec.Parallelism, job.Spec.BackoffLimit, job.Spec.CompletionMode));

        var parallelOnly = new Job { Spec = { Parallelism = 4, Template = { Spec = { Containers = [new Container { Name = "c" }], RestartPolicy = "Never" } } } };
        ObjectDefaulter.Apply(parallelOnly);
        Assert.Null(parallelOnly.Spec.Completions); // a work queue: completions stays unset

        var cronJob = new CronJob { Spec = { Schedule = "*/5 * * * *", JobTemplate = { Spec = job.Spec } } };
        ObjectDefaulter.Apply(cronJob);
        Assert.Equal(("Allow", false, 3, 1), (cronJob.Spec.ConcurrencyPolicy, cronJob.Spec.Suspend, cronJob.Spec.SuccessfulJobsHistoryLimit, cronJob.Spec.FailedJobsHistoryLimit));

        var service = new Service { Spec = { Ports = [new ServicePort { Port = 80 }] } };
        ObjectDefaulter.Apply(service);
        Assert.Equal(("ClusterIP", "None", "TCP", 80), (service.Spec.Type, service.Spec.SessionAffinity, service.Spec.Ports![0].Protocol, service.Spec.Ports[0].TargetPort!.Value.IntValue));
    }

    [Fact]
    public void Kinds_without_defaults_are_untouched()
    {
        var configMap = new ConfigMap { Metadata = { Name = "c" }, Data = new() { ["k"] = "v" } };
        var before = ManifestSerializer.ToNode(configMap);
        ObjectDefaulter.Apply(configMap);
        Assert.True(JsonNode.DeepEquals(before, ManifestSerializer.ToNode(configMap)));
    }
}
