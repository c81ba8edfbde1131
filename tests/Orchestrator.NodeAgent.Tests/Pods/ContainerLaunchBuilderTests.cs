using Orchestrator.Model.Core.V1;
using Orchestrator.NodeAgent.Pods;

namespace Orchestrator.NodeAgent.Tests.Pods;

/// <summary>Table tests of turning a spec container into a runtime launch.</summary>
public sealed class ContainerLaunchBuilderTests
{
    private static Pod SamplePod()
    {
        var pod = TestPods.With("web-1", TestPods.Idle("app"));
        pod.Metadata.Uid = "uid-1";
        pod.Metadata.Labels = new() { ["app"] = "web" };
        pod.Metadata.Annotations = new() { ["team"] = "blue" };
        pod.Spec.NodeName = "node-a";
        pod.Spec.ServiceAccountName = "builder";
        return pod;
    }

    [Theory]
    [InlineData("metadata.name", "web-1")]
    [InlineData("metadata.namespace", "test")]
    [InlineData("metadata.uid", "uid-1")]
    [InlineData("metadata.labels['app']", "web")]
    [InlineData("metadata.labels['absent']", "")]
    [InlineData("metadata.annotations['team']", "blue")]
    [InlineData("spec.nodeName", "node-a")]
    [InlineData("spec.serviceAccountName", "builder")]
    [InlineData("status.podIP", "172.17.0.9")]
    [InlineData("metadata.unknown", null)]
    public void Downward_api_fields_resolve_from_the_pod(string fieldPath, string? expected) =>
        Assert.Equal(expected, ContainerLaunchBuilder.FieldValue(SamplePod(), fieldPath, "172.17.0.9"));

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("$(A)", "1")]
    [InlineData("x-$(A)-$(B)-y", "x-1-two-y")]
    [InlineData("$(MISSING)", "$(MISSING)")]
    [InlineData("$$(A)", "$(A)")]
    [InlineData("cost $$5", "cost $5")]
    [InlineData("trailing $", "trailing $")]
    [InlineData("$(unclosed", "$(unclosed")]
    [InlineData("$A", "$A")]
    public void Variable_references_expand_like_the_kubelets(string input, string expected) =>
        Assert.Equal(expected, ContainerLaunchBuilder.Expand(input, new Dictionary<string, string> { ["A"] = "1", ["B"] = "two" }));

    [Fact]
    public void Command_args_and_later_env_values_expand_earlier_env_values()
    {
        var pod = SamplePod();
        var container = pod.Spec.Containers[0];
        container.Env =
        [
            new EnvVar { Name = "POD_IP", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "status.podIP" } } },
            new EnvVar { Name = "ADDR", Value = "$(POD_IP):8080" },
        ];
        container.Command = ["serve"];
        container.Args = ["--listen=$(ADDR)", "--literal=$$(ADDR)"];

        var launch = ContainerLaunchBuilder.Build(pod, container, false, 0, "10.0.0.7", "/pods");

        Assert.Equal("10.0.0.7:8080", launch.Env.Single(e => e.Key == "ADDR").Value);
        Assert.Equal(["--listen=10.0.0.7:8080", "--literal=$(ADDR)"], launch.Args);
    }

    [Fact]
    public void Env_keeps_spec_order_with_literal_and_resolved_values()
    {
        var pod = SamplePod();
        var container = pod.Spec.Containers[0];
        container.Env =
        [
            new EnvVar { Name = "LITERAL", Value = "x" },
            new EnvVar { Name = "POD_NAME", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } } },
            new EnvVar { Name = "POD_IP", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "status.podIP" } } },
        ];

        var env = ContainerLaunchBuilder.ResolveEnv(pod, container, "10.1.2.3");

        Assert.Equal(["LITERAL=x", "POD_NAME=web-1", "POD_IP=10.1.2.3"], env.Select(e => $"{e.Key}={e.Value}"));
    }

    [Theory]
    [InlineData("128Mi", "500m", 134_217_728L, 500_000_000L)]
    [InlineData("1Gi", "2", 1_073_741_824L, 2_000_000_000L)]
    [InlineData(null, "250m", null, 250_000_000L)]
    [InlineData("64M", null, 64_000_000L, null)]
    public void Limits_become_memory_bytes_and_nano_cpus(string? memory, string? cpu, long? bytes, long? nanoCpus)
    {
        var pod = SamplePod();
        var limits = new Dictionary<string, Orchestrator.Model.Primitives.Quantity>();
        if (memory is not null) limits["memory"] = memory;
        if (cpu is not null) limits["cpu"] = cpu;
        pod.Spec.Containers[0].Resources = new ResourceRequirements { Limits = limits };

        var launch = ContainerLaunchBuilder.Build(pod, pod.Spec.Containers[0], false, 0, null, "/pods/uid-1/volumes");

        Assert.Equal(bytes, launch.MemoryBytes);
        Assert.Equal(nanoCpus, launch.NanoCpus);
    }

    [Theory]
    [InlineData("500m", null, 512L)]
    [InlineData("2", "4", 2048L)]
    [InlineData(null, "250m", 256L)]   // only a limit: the request defaults to it
    [InlineData("1m", null, 2L)]       // the kernel's minimum
    [InlineData(null, null, null)]
    public void The_cpu_request_becomes_cpu_shares(string? request, string? limit, long? shares)
    {
        var resources = new ResourceRequirements
        {
            Requests = request is null ? null : new() { ["cpu"] = request },
            Limits = limit is null ? null : new() { ["cpu"] = limit },
        };

        Assert.Equal(shares, ContainerLaunchBuilder.CpuShares(resources));
    }

    [Fact]
    public void EmptyDir_and_hostPath_volumes_become_host_binds()
    {
        var pod = SamplePod().WithVolumes(
            new Volume { Name = "scratch", EmptyDir = new EmptyDirVolumeSource() },
            new Volume { Name = "logs", HostPath = new HostPathVolumeSource { Path = "/var/log/app", Type = "DirectoryOrCreate" } });
        var container = pod.Spec.Containers[0].Mounting("scratch", "/scratch");
        container.VolumeMounts!.Add(new VolumeMount { Name = "logs", MountPath = "/logs", ReadOnly = true });

        var launch = ContainerLaunchBuilder.Build(pod, container, false, 2, null, "/pods/uid-1/volumes");

        Assert.Equal(
            [new("/pods/uid-1/volumes/scratch", "/scratch", false, true), new Runtime.HostMount("/var/log/app", "/logs", true, true)],
            launch.Mounts);
        Assert.Equal(2, launch.RestartCount);
    }
}
