using System.Text.Json.Nodes;
using Orchestrator.Actors.Admin;
using Orchestrator.Model.Apps.V1;

namespace Orchestrator.Host.Tests.Admin;

public sealed class ApplyPlanTests
{
    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    [Fact]
    public void The_stored_configuration_carries_itself_without_any_older_annotation()
    {
        var configuration = Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"old"}},"data":{"k":"v"}}""");
        var stored = ApplyPlan.WithLastApplied(configuration);
        var recorded = ApplyPlan.LastApplied(stored)!;
        Assert.Equal("v", recorded["data"]!["k"]!.GetValue<string>());
        Assert.Null(recorded["metadata"]!["annotations"]);
        Assert.Equal("old", configuration["metadata"]!["annotations"]![ApplyPlan.LastAppliedAnnotation]!.GetValue<string>());
    }

    [Fact]
    public void Applying_the_same_configuration_again_changes_nothing()
    {
        var stored = ApplyPlan.WithLastApplied(Deployment("busybox:1", """{"app":"web"}""", replicas: null));
        var live = (JsonObject)stored.DeepClone();
        live["metadata"]!["uid"] = "u1";
        live["status"] = new JsonObject { ["replicas"] = 3 };
        Assert.Null(ApplyPlan.PatchFor(stored, live, typeof(Deployment)));
    }

    [Fact]
    public void A_field_removed_from_the_file_is_removed_and_fields_set_by_others_are_kept()
    {
        var first = ApplyPlan.WithLastApplied(Deployment("busybox:1", """{"app":"web","tier":"fe"}""", replicas: null));
        var live = (JsonObject)first.DeepClone();
        live["spec"]!["replicas"] = 5; // scaled by someone else; the file never mentions replicas
        live["metadata"]!["labels"]!["owner"] = "ops"; // added by someone else

        var second = ApplyPlan.WithLastApplied(Deployment("busybox:2", """{"app":"web"}""", replicas: null));
        var patch = ApplyPlan.PatchFor(second, live, typeof(Deployment))!;
        var result = Orchestrator.Model.Patching.StrategicMergePatch.Apply(live, patch, typeof(Deployment))!;

        Assert.Equal(5, result["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("busybox:2", result["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        var labels = result["metadata"]!["labels"]!.AsObject();
        Assert.False(labels.ContainsKey("tier"));
        Assert.Equal("ops", labels["owner"]!.GetValue<string>());
        Assert.Equal("busybox:2", ApplyPlan.LastApplied((JsonObject)result)!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    private static JsonObject Deployment(string image, string labels, int? replicas) => Parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":LABELS},
         "spec":{REPLICAS"selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"IMAGE"}]}}}}
        """.Replace("LABELS", labels).Replace("REPLICAS", replicas is null ? "" : $"\"replicas\":{replicas},").Replace("IMAGE", image));
}
