using System.Text.Json;
using Orchestrator.Model.Apps.V1;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Model.Tests.Serialization;

public sealed class KubernetesObjectJsonConverterTests
{
    private sealed record Carrier(IKubernetesObject? Object, IReadOnlyList<IKubernetesObject> Items);

    [Fact]
    public void An_object_held_as_the_interface_round_trips_whole_as_its_own_type()
    {
        var deployment = new Deployment
        {
            Metadata = { Name = "web", Namespace = "prod", Labels = new() { ["app"] = "web" } },
            Spec = { Replicas = 3, Template = { Spec = { Containers = [new Container { Name = "web", Image = "nginx:1.27" }] } } },
        };
        var carrier = new Carrier(deployment, [new ConfigMap { Metadata = { Name = "c" }, Data = new() { ["k"] = "v" } }]);

        var json = JsonSerializer.Serialize(carrier, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var back = JsonSerializer.Deserialize<Carrier>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

        var read = Assert.IsType<Deployment>(back.Object);
        Assert.Equal(("apps/v1", "Deployment", "web", "prod"), (read.ApiVersion, read.Kind, read.Metadata.Name, read.Metadata.Namespace));
        Assert.Equal(3, read.Spec.Replicas);
        Assert.Equal("nginx:1.27", read.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal("v", Assert.IsType<ConfigMap>(Assert.Single(back.Items)).Data!["k"]);
        Assert.Contains("\"replicas\":3", json);
    }

    [Fact]
    public void An_unknown_kind_fails_naming_it()
    {
        const string json = """{"object":{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"}},"items":[]}""";
        var e = Assert.ThrowsAny<Exception>(() => JsonSerializer.Deserialize<Carrier>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        Assert.Contains("Widget", e.Message);
    }
}
