using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Orchestrator.Model.Patching;
using Orchestrator.Model.Tests.Support;

namespace Orchestrator.Model.Tests.Patching;

public sealed class JsonMergePatchTests
{
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "null", "null")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Apply_follows_the_rfc_7386_examples(string target, string patch, string expected)
    {
        var result = JsonMergePatch.Apply(JsonNode.Parse(target), JsonNode.Parse(patch));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), result?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Apply_does_not_modify_its_inputs()
    {
        var target = JsonNode.Parse("""{"a":{"b":1}}""")!;
        var patch = JsonNode.Parse("""{"a":{"b":null,"c":2}}""")!;

        JsonMergePatch.Apply(target, patch);

        Assert.Equal("""{"a":{"b":1}}""", target.ToJsonString());
        Assert.Equal("""{"a":{"b":null,"c":2}}""", patch.ToJsonString());
    }

    [Fact]
    public void Create_produces_nulls_for_removals_and_only_changed_fields()
    {
        var patch = JsonMergePatch.Create(
            JsonNode.Parse("""{"keep":1,"drop":2,"nested":{"x":1,"y":2},"list":[1,2]}"""),
            JsonNode.Parse("""{"keep":1,"nested":{"x":1,"y":3},"list":[1,2,3],"new":true}"""));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"drop":null,"nested":{"y":3},"list":[1,2,3],"new":true}"""), patch), patch?.ToJsonString());
    }

    [Fact]
    public void Applying_a_patch_computed_from_a_to_b_turns_a_into_b()
    {
        Prop.ForAll(JsonGenerators.Document().ToArbitrary(), JsonGenerators.Document().ToArbitrary(), (a, b) =>
            JsonNode.DeepEquals(JsonMergePatch.Apply(a, JsonMergePatch.Create(a, b)), b)).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Applying_the_same_patch_twice_changes_nothing_more()
    {
        Prop.ForAll(JsonGenerators.Document().ToArbitrary(), JsonGenerators.Patch().ToArbitrary(), (document, patch) =>
        {
            var once = JsonMergePatch.Apply(document, patch);
            return JsonNode.DeepEquals(JsonMergePatch.Apply(once, patch), once);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void The_patch_between_equal_documents_is_empty_and_a_no_op()
    {
        Prop.ForAll(JsonGenerators.Document().ToArbitrary(), document =>
        {
            var patch = JsonMergePatch.Create(document, document.DeepClone());
            return patch is JsonObject { Count: 0 } && JsonNode.DeepEquals(JsonMergePatch.Apply(document, patch), document);
        }).QuickCheckThrowOnFailure();
    }
}
