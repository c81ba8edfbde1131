using System.Text.Json.Nodes;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Patching;
using Orchestrator.Model.Serialization;
using Orchestrator.Model.Tests.Support;

namespace Orchestrator.Model.Tests.Patching;

public sealed class StrategicMergePatchTests
{
    private const string PodJson = """
        {
          "apiVersion": "v1", "kind": "Pod",
          "metadata": {"name": "web", "finalizers": ["a", "b"]},
          "spec": {
            "containers": [
              {"name": "web", "image": "nginx:1.27", "ports": [{"containerPort": 80}],
               "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
               "volumeMounts": [{"name": "data", "mountPath": "/data"}]},
              {"name": "sidecar", "image": "envoy:1"}
            ],
            "tolerations": [{"key": "a", "operator": "Exists"}],
            "volumes": [{"name": "data", "emptyDir": {}}]
          }
        }
        """;

    public static TheoryData<string, string, string> Cases => new()
    {
        {
            "containers merge by name",
            """{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}""",
            """{"spec":{"containers":[{"name":"web","image":"nginx:1.28","ports":[{"containerPort":80}],"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"volumeMounts":[{"name":"data","mountPath":"/data"}]},{"name":"sidecar","image":"envoy:1"}]}}"""
        },
        {
            "a new container is appended",
            """{"spec":{"containers":[{"name":"logger","image":"fluent-bit"}]}}""",
            """{"spec":{"containers":[{"name":"web"},{"name":"sidecar"},{"name":"logger","image":"fluent-bit"}]}}"""
        },
        {
            "env merges by name",
            """{"spec":{"containers":[{"name":"web","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}]}]}}""",
            """{"spec":{"containers":[{"name":"web","image":"nginx:1.27","env":[{"name":"A","value":"1"},{"name":"B","value":"3"},{"name":"C","value":"4"}]},{"name":"sidecar"}]}}"""
        },
        {
            "ports merge by containerPort",
            """{"spec":{"containers":[{"name":"web","ports":[{"containerPort":80,"name":"http"},{"containerPort":443}]}]}}""",
            """{"spec":{"containers":[{"name":"web","ports":[{"containerPort":80,"name":"http"},{"containerPort":443}]},{"name":"sidecar"}]}}"""
        },
        {
            "tolerations are replaced",
            """{"spec":{"tolerations":[{"key":"b","operator":"Exists"}]}}""",
            """{"spec":{"tolerations":[{"key":"b","operator":"Exists"}]}}"""
        },
        {
            "$patch delete removes one element",
            """{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}""",
            """{"spec":{"containers":[{"name":"web"}]}}"""
        },
        {
            "$patch replace replaces the list",
            """{"spec":{"containers":[{"name":"only","image":"busybox"},{"$patch":"replace"}]}}""",
            """{"spec":{"containers":[{"name":"only","image":"busybox"}]}}"""
        },
        {
            "$patch replace replaces a map",
            """{"metadata":{"$patch":"replace","name":"renamed"}}""",
            """{"metadata":{"name":"renamed"}}"""
        },
        {
            "$patch delete removes a map",
            """{"spec":{"containers":[{"name":"web","ports":[{"containerPort":80,"$patch":"delete"}]}]}}""",
            """{"spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[]},{"name":"sidecar"}]}}"""
        },
        {
            "finalizers merge as a set",
            """{"metadata":{"finalizers":["b","c"]}}""",
            """{"metadata":{"finalizers":["a","b","c"]}}"""
        },
        {
            "$deleteFromPrimitiveList removes values",
            """{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}""",
            """{"metadata":{"finalizers":["b"]}}"""
        },
        {
            "$setElementOrder reorders",
            """{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"web"}]}}""",
            """{"spec":{"containers":[{"name":"sidecar"},{"name":"web"}]}}"""
        },
        {
            "null removes a field",
            """{"spec":{"tolerations":null}}""",
            """{"spec":{"tolerations":"<absent>"}}"""
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Apply_merges_lists_by_their_kubernetes_merge_keys(string behavior, string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(JsonNode.Parse(PodJson), JsonNode.Parse(patch), typeof(Pod))!;

        AssertContains(JsonNode.Parse(expected)!, result, behavior);
    }

    [Fact]
    public void Apply_to_a_typed_object_returns_a_new_object()
    {
        var deployment = TestWorkloads.Deployment(replicas: 3);

        var patched = StrategicMergePatch.Apply(deployment, JsonNode.Parse("""{"spec":{"replicas":5,"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.28"}]}}}}""")!);

        Assert.Equal(5, patched.Spec.Replicas);
        Assert.Equal("nginx:1.28", patched.Spec.Template.Spec.Containers.Single().Image);
        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Equal("nginx:1.27", deployment.Spec.Template.Spec.Containers.Single().Image);
    }

    [Fact]
    public void A_two_way_patch_turns_the_original_into_the_modified_object()
    {
        var original = ManifestSerializer.ToNode(TestPods.Valid());
        var modifiedPod = TestPods.Valid();
        modifiedPod.Spec.Containers.Insert(0, TestPods.Container("init-proxy", "envoy:1"));
        modifiedPod.Spec.Containers[1].Env = [new EnvVar { Name = "MODE", Value = "fast" }];
        modifiedPod.Spec.Tolerations = [new Toleration { Key = "gpu", Operator = "Exists" }];
        modifiedPod.Metadata.Labels = new() { ["tier"] = "fe" };
        var modified = ManifestSerializer.ToNode(modifiedPod);

        var patch = StrategicMergePatch.CreateTwoWay(original, modified, typeof(Pod));
        var result = StrategicMergePatch.Apply(original, patch, typeof(Pod));

        Assert.True(JsonNode.DeepEquals(modified, result), patch.ToJsonString());
        Assert.Null(patch["metadata"]!["labels"]!["app"]);
        Assert.True(patch["metadata"]!["labels"]!.AsObject().ContainsKey("app"));
    }

    [Fact]
    public void A_two_way_patch_deletes_removed_list_elements_with_a_directive()
    {
        var original = JsonNode.Parse(PodJson);
        var modified = JsonNode.Parse(PodJson)!;
        modified["spec"]!["containers"]!.AsArray().RemoveAt(1);
        modified["metadata"]!["finalizers"] = new JsonArray("b");

        var patch = StrategicMergePatch.CreateTwoWay(original, modified, typeof(Pod));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"name":"sidecar","$patch":"delete"}]"""), patch["spec"]!["containers"]), patch.ToJsonString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["a"]"""), patch["metadata"]!["$deleteFromPrimitiveList/finalizers"]), patch.ToJsonString());
        Assert.True(JsonNode.DeepEquals(modified, StrategicMergePatch.Apply(original, patch, typeof(Pod))));
    }

    [Fact]
    public void The_two_way_patch_between_equal_objects_is_empty()
    {
        var node = JsonNode.Parse(PodJson);

        Assert.Empty(StrategicMergePatch.CreateTwoWay(node, node!.DeepClone(), typeof(Pod)));
    }

    [Fact]
    public void A_three_way_patch_removes_what_was_applied_before_and_keeps_what_others_set()
    {
        var lastApplied = ManifestSerializer.ToNode(DeploymentWith(replicas: null, "A", "B"));
        var modified = ManifestSerializer.ToNode(DeploymentWith(replicas: null, "A"));
        var liveDeployment = DeploymentWith(replicas: 7, "A", "B");
        liveDeployment.Spec.Template.Spec.Containers[0].Env!.Add(new EnvVar { Name = "INJECTED", Value = "by-webhook" });
        liveDeployment.Status = new DeploymentStatus { Replicas = 7 };
        var live = ManifestSerializer.ToNode(liveDeployment);

        var patch = StrategicMergePatch.CreateThreeWay(lastApplied, modified, live, typeof(Deployment));
        var result = ManifestSerializer.FromNode<Deployment>(StrategicMergePatch.Apply(live, patch, typeof(Deployment))!);

        Assert.Equal(["A", "INJECTED"], result.Spec.Template.Spec.Containers[0].Env!.Select(e => e.Name));
        Assert.Equal(7, result.Spec.Replicas);
        Assert.Equal(7, result.Status!.Replicas);
    }

    [Fact]
    public void A_three_way_patch_resets_a_field_the_manifest_sets_but_someone_changed()
    {
        var applied = ManifestSerializer.ToNode(DeploymentWith(replicas: 3, "A"));
        var live = ManifestSerializer.ToNode(DeploymentWith(replicas: 9, "A"));

        var patch = StrategicMergePatch.CreateThreeWay(applied, applied.DeepClone(), live, typeof(Deployment));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"spec":{"replicas":3}}"""), patch), patch.ToJsonString());
    }

    [Fact]
    public void A_three_way_patch_with_the_unknown_schema_is_a_json_merge_patch()
    {
        var patch = StrategicMergePatch.CreateThreeWay(
            JsonNode.Parse("""{"a":1,"list":[1,2],"gone":true}"""),
            JsonNode.Parse("""{"a":2,"list":[1]}"""),
            JsonNode.Parse("""{"a":1,"list":[1,2],"gone":true,"server":"x"}"""),
            PatchSchema.Unknown);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"gone":null,"a":2,"list":[1]}"""), patch), patch.ToJsonString());
    }

    private static Deployment DeploymentWith(int? replicas, params string[] env)
    {
        var deployment = TestWorkloads.Deployment();
        deployment.Spec.Replicas = replicas;
        deployment.Spec.Template.Spec.Containers[0].Env = env.Select(n => new EnvVar { Name = n, Value = n.ToLowerInvariant() }).ToList();
        return deployment;
    }

    /// <summary>Every field of <paramref name="expected"/> is in <paramref name="actual"/> with the same value; "&lt;absent&gt;" means missing.</summary>
    private static void AssertContains(JsonNode expected, JsonNode? actual, string context)
    {
        switch (expected)
        {
            case JsonObject expectedObject:
                var actualObject = Assert.IsType<JsonObject>(actual);
                foreach (var (key, value) in expectedObject)
                {
                    if (value is JsonValue marker && marker.GetValueKind() == System.Text.Json.JsonValueKind.String && marker.GetValue<string>() == "<absent>")
                    {
                        Assert.False(actualObject.ContainsKey(key), $"{context}: {key} should be absent");
                    }
                    else
                    {
                        Assert.True(actualObject.ContainsKey(key), $"{context}: missing {key} in {actualObject.ToJsonString()}");
                        AssertContains(value!, actualObject[key], context);
                    }
                }

                break;
            case JsonArray expectedArray:
                var actualArray = Assert.IsType<JsonArray>(actual);
                Assert.True(expectedArray.Count == actualArray.Count, $"{context}: expected {expectedArray.ToJsonString()} got {actualArray.ToJsonString()}");
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    AssertContains(expectedArray[i]!, actualArray[i], context);
                }

                break;
            default:
                Assert.True(JsonNode.DeepEquals(expected, actual), $"{context}: expected {expected.ToJsonString()} got {actual?.ToJsonString()}");
                break;
        }
    }
}
