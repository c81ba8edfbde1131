using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;

namespace Orchestrator.Model.Tests.Support;

/// <summary>FsCheck generators of small JSON documents.</summary>
internal static class JsonGenerators
{
    private static readonly string[] _keys = ["a", "b", "c", "name", "spec", "x-y"];

    private static Gen<JsonNode?> Leaf => Gen.OneOf(
        Gen.Choose(-3, 3).Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.Elements("", "v", "w").Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)));

    private static Gen<JsonNode?> Array => Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Leaf, n)).Select(items => (JsonNode?)new JsonArray(items));

    /// <summary>Objects with no null values anywhere (what RFC 7386 can produce exactly).</summary>
    public static Gen<JsonObject> Document(int depth = 3) => ObjectOf(ValueWithoutNulls(depth));

    /// <summary>Merge patches: like documents, but values may be null (meaning "remove").</summary>
    public static Gen<JsonObject> Patch(int depth = 3) =>
        ObjectOf(Gen.OneOf(ValueWithoutNulls(depth), ValueWithoutNulls(depth), Gen.Constant(0).Select(_ => (JsonNode?)null)));

    private static Gen<JsonNode?> ValueWithoutNulls(int depth) =>
        depth <= 0 ? Gen.OneOf(Leaf, Array) : Gen.OneOf(Leaf, Leaf, Array, Document(depth - 1).Select(o => (JsonNode?)o));

    private static Gen<JsonObject> ObjectOf(Gen<JsonNode?> values) =>
        Gen.SubListOf(_keys).SelectMany(keys => Gen.ArrayOf(values, keys.Count).Select(items =>
        {
            var obj = new JsonObject();
            for (var i = 0; i < keys.Count; i++)
            {
                obj[keys[i]] = items[i];
            }

            return obj;
        }));
}
