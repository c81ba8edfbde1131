using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Meta;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Model.Tests.Serialization;

public sealed class YamlScalarTests
{
    [Theory]
    [InlineData("value: 42", "42")]
    [InlineData("value: -7", "-7")]
    [InlineData("value: 0x1F", "31")]
    [InlineData("value: 0o17", "15")]
    [InlineData("value: 0644", "420")]
    [InlineData("value: 1_000", "1000")]
    [InlineData("value: 1.5", "1.5")]
    [InlineData("value: .5", "0.5")]
    [InlineData("value: 1e3", "1e3")]
    [InlineData("value: 08", "8")]
    [InlineData("value: true", "true")]
    [InlineData("value: yes", "true")]
    [InlineData("value: Off", "false")]
    [InlineData("value: ~", "null")]
    [InlineData("value:", "null")]
    [InlineData("value: null", "null")]
    [InlineData("value: \"42\"", "\"42\"")]
    [InlineData("value: 'yes'", "\"yes\"")]
    [InlineData("value: !!str 42", "\"42\"")]
    [InlineData("value: 1.2.3", "\"1.2.3\"")]
    [InlineData("value: 2024-05-01T12:00:00Z", "\"2024-05-01T12:00:00Z\"")]
    [InlineData("value: nginx:1.27", "\"nginx:1.27\"")]
    [InlineData("value: .inf", "\".inf\"")]
    public void Plain_scalars_resolve_like_kubectl_reads_them(string yaml, string json)
    {
        var node = ManifestSerializer.ParseNodes(yaml).Single();

        Assert.Equal(json, node["value"]?.ToJsonString() ?? "null");
    }

    [Theory]
    [InlineData("true")]
    [InlineData("yes")]
    [InlineData("no")]
    [InlineData("123")]
    [InlineData("0644")]
    [InlineData("1.5")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData(" padded ")]
    [InlineData("a: b")]
    [InlineData("#comment")]
    [InlineData("- item")]
    [InlineData("line one\nline two\n")]
    [InlineData("trailing space \nnext")]
    [InlineData("{braces}")]
    [InlineData("it's")]
    public void Strings_that_look_like_other_types_are_quoted_so_they_read_back_as_strings(string value)
    {
        var configMap = new ConfigMap { Metadata = new ObjectMeta { Name = "c" }, Data = new() { ["key"] = value } };

        var back = ManifestSerializer.Default.Deserialize<ConfigMap>(ManifestSerializer.ToYaml(configMap), FieldValidation.Strict);

        Assert.Equal(value, back.Data!["key"]);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\n\n")]
    [InlineData("\r\n")]
    [InlineData("\u0085")]
    [InlineData("a\n\n")]
    [InlineData("\n a")]
    public void Strings_of_line_breaks_survive_a_yaml_round_trip(string value)
    {
        var configMap = new ConfigMap { Metadata = new ObjectMeta { Name = "c" }, Data = new() { ["key"] = value } };
        var back = ManifestSerializer.Default.Deserialize<ConfigMap>(ManifestSerializer.ToYaml(configMap));
        Assert.Equal(value, back.Data!["key"]);
    }

    [Fact]
    public void Any_string_value_survives_a_yaml_round_trip()
    {
        var text = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && !s.Any(c => char.IsSurrogate(c)));
        Prop.ForAll(text.ToArbitrary(), value =>
        {
            var configMap = new ConfigMap { Metadata = new ObjectMeta { Name = "c" }, Data = new() { ["key"] = value } };
            var back = ManifestSerializer.Default.Deserialize<ConfigMap>(ManifestSerializer.ToYaml(configMap));
            return back.Data!["key"] == value;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_number_where_a_string_is_expected_is_an_error_naming_the_field()
    {
        const string text = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x\n    env:\n    - name: PORT\n      value: 8080\n";

        var error = Assert.Single(ManifestSerializer.Default.Read(text, "pod.yaml").Errors);

        Assert.Equal("pod.yaml: document 0: spec.containers[0].env[0].value: cannot decode a number 8080 as string", error.ToString());
    }

    [Fact]
    public void Json_with_duplicate_keys_is_reported_like_yaml()
    {
        const string text = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"1","k":"2"}}""";

        var result = ManifestSerializer.Default.Read(text, "cm.json");

        Assert.Equal("cm.json: document 0: duplicate field \"data.k\"", Assert.Single(result.Warnings).ToString());
        Assert.Equal("2", ((ConfigMap)result.Objects.Single()).Data!["k"]);
    }

    [Fact]
    public void A_yaml_flow_mapping_is_not_mistaken_for_json()
    {
        var node = ManifestSerializer.ParseNodes("{apiVersion: v1, kind: Namespace, metadata: {name: x}}").Single();

        Assert.Equal("x", node["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void NodeToYaml_writes_empty_collections_in_flow_style()
    {
        var yaml = ManifestSerializer.NodeToYaml(JsonNode.Parse("""{"a":{},"b":[],"c":[1,2]}"""));

        Assert.Equal("a: {}\nb: []\nc:\n- 1\n- 2\n", yaml.ReplaceLineEndings("\n"));
        Assert.Equal(JsonValueKind.Number, ManifestSerializer.ParseNodes(yaml).Single()["c"]![0]!.GetValueKind());
    }
}
