using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;
using Orchestrator.Model.Tests.Support;
using Orchestrator.Model.Validation;

namespace Orchestrator.Model.Tests.Validation;

public sealed class PodValidationTests
{
    public static TheoryData<string, Action<Pod>, string> InvalidPods => new()
    {
        { "missing name", p => p.Metadata.Name = null, "metadata.name: Required value: name or generateName is required" },
        {
            "name with uppercase and underscore",
            p => p.Metadata.Name = "Web_1",
            "metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
        },
        { "no containers", p => p.Spec.Containers.Clear(), "spec.containers: Required value" },
        { "container without image", p => p.Spec.Containers[0].Image = null, "spec.containers[0].image: Required value" },
        { "container without name", p => p.Spec.Containers[0].Name = "", "spec.containers[0].name: Required value" },
        { "duplicate container names", p => p.Spec.Containers.Add(TestPods.Container()), "spec.containers[1].name: Duplicate value: \"web\"" },
        { "port zero", p => p.Spec.Containers[0].Ports = [new ContainerPort { Port = 0 }], "spec.containers[0].ports[0].containerPort: Required value" },
        { "port too high", p => p.Spec.Containers[0].Ports = [new ContainerPort { Port = 70000 }], "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive" },
        { "bad protocol", p => p.Spec.Containers[0].Ports = [new ContainerPort { Port = 80, Protocol = "HTTP" }], "spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"TCP\", \"UDP\", \"SCTP\"" },
        { "restart policy", p => p.Spec.RestartPolicy = "Sometimes", "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"" },
        { "pull policy", p => p.Spec.Containers[0].ImagePullPolicy = "Maybe", "spec.containers[0].imagePullPolicy: Unsupported value: \"Maybe\": supported values: \"Always\", \"IfNotPresent\", \"Never\"" },
        { "negative grace period", p => p.Spec.TerminationGracePeriodSeconds = -5, "spec.terminationGracePeriodSeconds: Invalid value: -5: must be greater than or equal to 0" },
        { "zero deadline", p => p.Spec.ActiveDeadlineSeconds = 0, "spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive" },
        {
            "request above limit",
            p => p.Spec.Containers[0].Resources = TestPods.Resources("2", "64Mi", cpuLimit: "1"),
            "spec.containers[0].resources.requests[cpu]: Invalid value: \"2\": must be less than or equal to cpu limit of 1"
        },
        {
            "negative quantity",
            p => p.Spec.Containers[0].Resources = new ResourceRequirements { Limits = new() { ["memory"] = Quantity.Parse("-1Gi") } },
            "spec.containers[0].resources.limits[memory]: Invalid value: \"-1Gi\": must be greater than or equal to 0"
        },
        {
            "unknown resource name",
            p => p.Spec.Containers[0].Resources = new ResourceRequirements { Limits = new() { ["gpu"] = Quantity.Parse("1") } },
            "spec.containers[0].resources.limits[gpu]: Invalid value: \"gpu\": must be a standard resource type or fully qualified"
        },
        {
            "mount of an undeclared volume",
            p => p.Spec.Containers[0].VolumeMounts = [new VolumeMount { Name = "data", MountPath = "/data" }],
            "spec.containers[0].volumeMounts[0].name: Not found: \"data\""
        },
        {
            "volume without a source",
            p => p.Spec.Volumes = [new Volume { Name = "data" }],
            "spec.volumes[0]: Required value: must specify a volume type"
        },
        {
            "volume with two sources",
            p => p.Spec.Volumes = [new Volume { Name = "data", EmptyDir = new(), HostPath = new HostPathVolumeSource { Path = "/x" } }],
            "spec.volumes[0]: Forbidden: may not specify more than 1 volume type"
        },
        {
            "mode out of range",
            p => p.Spec.Volumes = [new Volume { Name = "c", ConfigMap = new ConfigMapVolumeSource { Name = "c", DefaultMode = 1000 } }],
            "spec.volumes[0].configMap.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive"
        },
        {
            "probe without handler",
            p => p.Spec.Containers[0].LivenessProbe = new Probe { PeriodSeconds = 5 },
            "spec.containers[0].livenessProbe: Required value: must specify a handler type"
        },
        {
            "probe with two handlers",
            p => p.Spec.Containers[0].ReadinessProbe = new Probe { TcpSocket = new TcpSocketAction { Port = 80 }, Exec = new ExecAction { Command = ["true"] } },
            "spec.containers[0].readinessProbe: Forbidden: may not specify more than 1 handler type"
        },
        {
            "liveness success threshold",
            p => p.Spec.Containers[0].LivenessProbe = new Probe { HttpGet = new HttpGetAction { Port = 8080 }, SuccessThreshold = 2 },
            "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"
        },
        {
            "probe port name",
            p => p.Spec.Containers[0].LivenessProbe = new Probe { HttpGet = new HttpGetAction { Port = "HTTP_PORT" } },
            "spec.containers[0].livenessProbe.httpGet.port: Invalid value: \"HTTP_PORT\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"
        },
        {
            "env value and valueFrom",
            p => p.Spec.Containers[0].Env = [new EnvVar { Name = "A", Value = "x", ValueFrom = new EnvVarSource { FieldRef = new ObjectFieldSelector { FieldPath = "metadata.name" } } }],
            "spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty"
        },
        {
            "secret key ref without key",
            p => p.Spec.Containers[0].Env = [new EnvVar { Name = "A", ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { Name = "s" } } }],
            "spec.containers[0].env[0].valueFrom.secretKeyRef.key: Required value"
        },
        {
            "toleration value with Exists",
            p => p.Spec.Tolerations = [new Toleration { Key = "k", Operator = "Exists", Value = "v" }],
            "spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'"
        },
        {
            "toleration seconds without NoExecute",
            p => p.Spec.Tolerations = [new Toleration { Key = "k", Effect = "NoSchedule", TolerationSeconds = 30 }],
            "spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"
        },
        {
            "bad node selector key",
            p => p.Spec.NodeSelector = new() { ["-zone"] = "a" },
            "spec.nodeSelector: Invalid value: \"-zone\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        },
        {
            "affinity weight",
            p => p.Spec.Affinity = new Affinity { NodeAffinity = new NodeAffinity { PreferredDuringSchedulingIgnoredDuringExecution = [new PreferredSchedulingTerm { Weight = 0 }] } },
            "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100"
        },
        {
            "anti-affinity topology key",
            p => p.Spec.Affinity = new Affinity { PodAntiAffinity = new PodAntiAffinity { RequiredDuringSchedulingIgnoredDuringExecution = [new PodAffinityTerm()] } },
            "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty"
        },
        {
            "spread skew",
            p => p.Spec.TopologySpreadConstraints = [new TopologySpreadConstraint { MaxSkew = 0, TopologyKey = "zone", WhenUnsatisfiable = "DoNotSchedule" }],
            "spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero"
        },
        {
            "host network port mismatch",
            p =>
            {
                p.Spec.HostNetwork = true;
                p.Spec.Containers[0].Ports = [new ContainerPort { Port = 80, HostPort = 8080 }];
            },
            "spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match `containerPort` when `hostNetwork` is true"
        },
        { "bad label value", p => p.Metadata.Labels!["app"] = "web app", "metadata.labels[app]: Invalid value: \"web app\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')" },
    };

    [Fact]
    public void A_minimal_pod_is_valid()
    {
        var result = ObjectValidator.Validate(TestPods.Valid());

        Assert.True(result.IsValid, string.Join("\n", result.Messages));
    }

    [Theory]
    [MemberData(nameof(InvalidPods))]
    public void Each_invalid_field_is_reported_with_its_path_and_kubernetes_message(string problem, Action<Pod> breakIt, string expected)
    {
        var pod = TestPods.Valid();
        breakIt(pod);

        var result = ObjectValidator.Validate(pod);

        Assert.False(result.IsValid, problem);
        Assert.Contains(expected, result.Messages);
    }

    [Fact]
    public void Every_failing_field_is_listed_not_just_the_first()
    {
        var pod = TestPods.WithContainer(new Container { Name = "web", Ports = [new ContainerPort { Port = -1 }] }, name: "Bad_Name");
        pod.Spec.RestartPolicy = "Sometimes";

        var result = ObjectValidator.Validate(pod);

        Assert.Equal(
            [
                "metadata.name",
                "spec.containers[0].image",
                "spec.containers[0].ports[0].containerPort",
                "spec.restartPolicy",
            ],
            result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void GenerateName_can_replace_name()
    {
        var pod = TestPods.Valid();
        pod.Metadata.Name = null;
        pod.Metadata.GenerateName = "web-";

        Assert.True(ObjectValidator.Validate(pod).IsValid);
    }

    [Fact]
    public void A_sidecar_init_container_may_have_probes_but_a_plain_one_may_not()
    {
        var plain = new Container { Name = "init", Image = "busybox", ReadinessProbe = new Probe { Exec = new ExecAction { Command = ["true"] } } };
        var sidecar = new Container { Name = "proxy", Image = "envoy", RestartPolicy = "Always", ReadinessProbe = new Probe { Exec = new ExecAction { Command = ["true"] } } };
        var pod = TestPods.Valid();
        pod.Spec.InitContainers = [plain, sidecar];

        var result = ObjectValidator.Validate(pod);

        Assert.Equal(["spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"], result.Messages);
    }

    [Fact]
    public void Format_prints_a_kubectl_style_report_with_file_and_document()
    {
        var pod = TestPods.Valid();
        pod.Spec.Containers[0].Image = null;
        pod.Spec.RestartPolicy = "Sometimes";

        var report = ObjectValidator.Validate(pod).Format(pod, "pod.yaml", 2);

        Assert.Equal(
            "pod.yaml (document 2): The Pod \"web-0\" is invalid: \n"
                + "* spec.containers[0].image: Required value\n"
                + "* spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
            report);
    }

    [Fact]
    public void Format_puts_a_single_error_on_one_line()
    {
        var pod = TestPods.Valid();
        pod.Spec.Containers[0].Image = null;

        Assert.Equal(
            "The Pod \"web-0\" is invalid: spec.containers[0].image: Required value",
            ObjectValidator.Validate(pod).Format(pod));
    }

    [Fact]
    public void Objects_larger_than_one_and_a_half_mebibytes_are_rejected()
    {
        var pod = TestPods.Valid();
        pod.Spec.Containers[0].Args = Enumerable.Repeat(new string('x', 1024), 1600).ToList();

        var error = Assert.Single(ObjectValidator.Validate(pod).Errors);

        Assert.Equal(FieldErrorType.TooLong, error.Type);
        Assert.Contains("may not be more than 1572864 bytes", error.ToString());
    }
}
