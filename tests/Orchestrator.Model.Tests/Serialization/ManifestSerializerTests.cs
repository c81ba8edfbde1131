using System.Text.Json.Nodes;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;
using Orchestrator.Model.Serialization;
using Orchestrator.Model.Tests.Support;

namespace Orchestrator.Model.Tests.Serialization;

public sealed class ManifestSerializerTests
{
    private const string DeploymentYaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            app: web
        spec:
          replicas: 3
          selector:
            matchLabels:
              app: web
          strategy:
            type: RollingUpdate
            rollingUpdate:
              maxSurge: 25%
              maxUnavailable: 1
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: nginx:1.27
                ports:
                - containerPort: 80
                  name: http
                resources:
                  requests:
                    cpu: 250m
                    memory: 64Mi
                  limits:
                    cpu: 1
                    memory: 0.5Gi
                readinessProbe:
                  httpGet:
                    path: /healthz
                    port: http
                  periodSeconds: 5
        """;

    private readonly ManifestSerializer _serializer = ManifestSerializer.Default;

    [Fact]
    public void Read_types_a_yaml_deployment_with_kubernetes_field_names()
    {
        var result = _serializer.Read(DeploymentYaml, "deploy.yaml");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var deployment = Assert.IsType<Deployment>(Assert.Single(result.Objects));
        Assert.Equal("web", deployment.Metadata.Name);
        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Equal(IntOrString.FromString("25%"), deployment.Spec.Strategy!.RollingUpdate!.MaxSurge);
        Assert.Equal(IntOrString.FromInt(1), deployment.Spec.Strategy.RollingUpdate.MaxUnavailable);
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
        Assert.Equal(80, container.Ports![0].Port);
        Assert.Equal(Quantity.Parse("250m"), container.Resources!.Requests!["cpu"]);
        Assert.Equal("512Mi", container.Resources.Limits!["memory"].ToString());
        Assert.Equal(IntOrString.FromString("http"), container.ReadinessProbe!.HttpGet!.Port);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void ToYaml_writes_kubernetes_shape_with_type_fields_first_and_nulls_omitted()
    {
        var yaml = ManifestSerializer.ToYaml(TestPods.Valid());

        Assert.StartsWith("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-0\n", yaml.ReplaceLineEndings("\n"));
        Assert.Contains("containers:\n  - name: web\n    image: nginx:1.27\n", yaml.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("null", yaml);
        Assert.DoesNotContain("status", yaml);
    }

    [Fact]
    public void ToJson_uses_camel_case_and_wire_names()
    {
        var pod = TestPods.WithContainer(new Container
        {
            Name = "web",
            Image = "nginx",
            Ports = [new ContainerPort { Port = 8080, HostIP = "0.0.0.0" }],
            ReadinessProbe = new Probe { HttpGet = new HttpGetAction { Port = 8080 }, TcpSocket = null },
        });
        pod.Spec.HostNetwork = true;

        var json = JsonNode.Parse(ManifestSerializer.ToJson(pod))!;
        var container = json["spec"]!["containers"]![0]!;

        Assert.Equal(8080, container["ports"]![0]!["containerPort"]!.GetValue<int>());
        Assert.Equal("0.0.0.0", container["ports"]![0]!["hostIP"]!.GetValue<string>());
        Assert.Equal(8080, container["readinessProbe"]!["httpGet"]!["port"]!.GetValue<int>());
        Assert.True(json["spec"]!["hostNetwork"]!.GetValue<bool>());
    }

    [Fact]
    public void Yaml_round_trip_parses_back_to_an_equal_object()
    {
        var first = _serializer.Load(DeploymentYaml).Single();
        var second = _serializer.Load(ManifestSerializer.ToYaml(first)).Single();
        var third = _serializer.Load(ManifestSerializer.ToJson(second)).Single();

        Assert.True(ManifestSerializer.SemanticallyEqual(first, second));
        Assert.True(ManifestSerializer.SemanticallyEqual(first, third));
    }

    [Fact]
    public void Multi_document_yaml_yields_every_document_and_skips_empty_ones()
    {
        const string text = """
            ---
            apiVersion: v1
            kind: Namespace
            metadata:
              name: shop
            ---
            # only a comment
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: shop
            data:
              mode: "fast"
            """;

        var result = _serializer.Read(text, "all.yaml");

        Assert.True(result.Succeeded);
        Assert.Collection(
            result.Documents,
            d => Assert.Equal((0, "Namespace"), (d.Index, d.Object.Kind)),
            d => Assert.Equal((2, "ConfigMap"), (d.Index, d.Object.Kind)));
    }

    [Fact]
    public void Concatenated_json_documents_are_all_read()
    {
        const string text = """
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}}
            """;

        var names = _serializer.Load(text).Select(o => o.Metadata.Name);

        Assert.Equal(["a", "b"], names);
    }

    [Fact]
    public void A_v1_List_is_expanded_into_its_items()
    {
        const string text = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ServiceAccount
              metadata: {name: builder}
            - apiVersion: v1
              kind: Secret
              metadata: {name: token}
            """;

        Assert.Equal(["ServiceAccount", "Secret"], _serializer.Load(text).Select(o => o.Kind));
    }

    [Theory]
    [InlineData(FieldValidation.Warn, 0, 2)]
    [InlineData(FieldValidation.Ignore, 0, 0)]
    [InlineData(FieldValidation.Strict, 2, 0)]
    public void Unknown_fields_are_handled_per_field_validation_mode(FieldValidation mode, int errors, int warnings)
    {
        const string text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replcas: 3
              template:
                spec:
                  containers:
                  - name: web
                    image: nginx
                    imagePullPolcy: Always
            """;

        var result = _serializer.Read(text, "deploy.yaml", mode);

        Assert.Equal(errors, result.Errors.Count);
        Assert.Equal(warnings, result.Warnings.Count);
        Assert.Equal(mode != FieldValidation.Strict, result.Documents.Count == 1);
    }

    [Fact]
    public void Unknown_field_messages_name_the_file_the_document_and_the_full_path()
    {
        const string text = """
            apiVersion: v1
            kind: Namespace
            metadata:
              name: a
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replcas: 3
              template:
                spec:
                  containers:
                  - name: web
                    image: nginx
                    imagePullPolcy: Always
            """;

        var result = _serializer.Read(text, "deploy.yaml", FieldValidation.Strict);

        Assert.Equal(
            [
                "deploy.yaml: document 1: strict decoding error: unknown field \"spec.replcas\"",
                "deploy.yaml: document 1: strict decoding error: unknown field \"spec.template.spec.containers[0].imagePullPolcy\"",
            ],
            result.Errors.Select(e => e.ToString()));
        Assert.Equal("Namespace", Assert.Single(result.Objects).Kind);
    }

    [Fact]
    public void Duplicate_keys_are_reported_and_the_last_value_wins()
    {
        const string text = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
              name: b
            """;

        var warn = _serializer.Read(text, "cm.yaml");
        var strict = _serializer.Read(text, "cm.yaml", FieldValidation.Strict);

        Assert.Equal("b", warn.Objects.Single().Metadata.Name);
        Assert.Equal("cm.yaml: document 0: duplicate field \"metadata.name\"", Assert.Single(warn.Warnings).ToString());
        Assert.Equal("cm.yaml: document 0: strict decoding error: duplicate field \"metadata.name\"", Assert.Single(strict.Errors).ToString());
    }

    [Theory]
    [InlineData("kind: Pod\nmetadata: {name: a}", "error validating data: [apiVersion not set]")]
    [InlineData("apiVersion: v1\nmetadata: {name: a}", "error validating data: [kind not set]")]
    [InlineData("apiVersion: v9\nkind: Pod", "no matches for kind \"Pod\" in version \"v9\"")]
    [InlineData("- a\n- b", "document must be an object, not a list")]
    [InlineData("apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: \"3\"", "spec.replicas: cannot decode a string \"3\" as int32")]
    [InlineData("apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    resources:\n      limits:\n        cpu: lots", "quantity \"lots\"")]
    public void Bad_documents_produce_errors_that_say_what_is_wrong(string text, string expected)
    {
        var result = _serializer.Read(text, "bad.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Contains(expected, error.Message);
        Assert.Equal(0, error.DocumentIndex);
        Assert.Equal("bad.yaml", error.Source);
    }

    [Fact]
    public void Yaml_syntax_errors_name_the_document_and_line()
    {
        const string text = "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\napiVersion: v1\nkind: [unclosed\n";

        var error = Assert.Single(_serializer.Read(text, "broken.yaml").Errors);

        Assert.Equal(1, error.DocumentIndex);
        Assert.StartsWith("broken.yaml: document 1: yaml: line ", error.ToString());
    }

    [Fact]
    public void Load_throws_a_manifest_exception_listing_every_error()
    {
        var ex = Assert.Throws<ManifestException>(() => _serializer.Load("kind: Pod\n---\napiVersion: v1\n", "two.yaml"));

        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains("two.yaml: document 1: error validating data: [kind not set]", ex.Message);
    }

    [Fact]
    public void Secret_data_is_base64_on_the_wire_and_bytes_in_the_model()
    {
        const string text = """
            apiVersion: v1
            kind: Secret
            metadata:
              name: db
            type: Opaque
            data:
              password: cGFzc3dvcmQ=
            stringData:
              user: admin
            """;

        var secret = _serializer.Deserialize<Secret>(text);

        Assert.Equal("password"u8.ToArray(), secret.Data!["password"]);
        Assert.Equal("admin", secret.StringData!["user"]);
        Assert.Contains("password: cGFzc3dvcmQ=", ManifestSerializer.ToYaml(secret));
    }

    [Fact]
    public void Times_are_written_as_rfc3339_utc_seconds_and_micro_times_with_microseconds()
    {
        const string text = """
            apiVersion: coordination.k8s.io/v1
            kind: Lease
            metadata:
              name: leader
              creationTimestamp: "2024-05-01T12:00:00Z"
            spec:
              holderIdentity: node-a
              renewTime: "2024-05-01T12:00:03.123456Z"
            """;

        var lease = _serializer.Deserialize<Orchestrator.Model.Coordination.V1.Lease>(text);
        var json = ManifestSerializer.ToNode(lease);

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), lease.Metadata.CreationTimestamp);
        Assert.Equal("2024-05-01T12:00:00Z", json["metadata"]!["creationTimestamp"]!.GetValue<string>());
        Assert.Equal("2024-05-01T12:00:03.123456Z", json["spec"]!["renewTime"]!.GetValue<string>());
    }

    [Fact]
    public void Octal_mode_bits_and_anchors_resolve_like_kubectl()
    {
        const string text = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              labels: &labels
                app: web
              annotations: *labels
            spec:
              containers:
              - &c
                name: a
                image: busybox
              - <<: *c
                name: b
              volumes:
              - name: conf
                configMap:
                  name: conf
                  defaultMode: 0644
            """;

        var pod = _serializer.Deserialize<Pod>(text);

        Assert.Equal(420, pod.Spec.Volumes![0].ConfigMap!.DefaultMode);
        Assert.Equal("web", pod.Metadata.Annotations!["app"]);
        Assert.Equal(["a", "b"], pod.Spec.Containers.Select(c => c.Name));
        Assert.Equal("busybox", pod.Spec.Containers[1].Image);
    }

    [Fact]
    public void DaemonEndpoint_keeps_its_capitalised_wire_name()
    {
        var node = new Node { Status = new NodeStatus { DaemonEndpoints = new NodeDaemonEndpoints { KubeletEndpoint = new DaemonEndpoint { Port = 10250 } } } };

        var json = ManifestSerializer.ToNode(node);

        Assert.Equal(10250, json["status"]!["daemonEndpoints"]!["kubeletEndpoint"]!["Port"]!.GetValue<int>());
    }
}
