using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Model.Tests.Support;

/// <summary>Locates the sample manifests copied next to the test assembly, and compares trees leniently.</summary>
internal static class ManifestFiles
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Manifests");

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static IEnumerable<string> Names =>
        System.IO.Directory.EnumerateFiles(Directory)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    /// <summary>
    /// True when both trees have the same shape and every leaf has the same text: a number written where the
    /// model keeps a string (<c>cpu: 1</c> vs <c>"1"</c>) counts as the same value.
    /// </summary>
    public static void SameLeaves(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected)
        {
            case JsonObject expectedObject when actual is JsonObject actualObject:
                foreach (var key in expectedObject.Select(kv => kv.Key).Union(actualObject.Select(kv => kv.Key)))
                {
                    SameLeaves(expectedObject[key], actualObject[key], $"{path}.{key}", differences);
                }

                break;
            case JsonArray expectedArray when actual is JsonArray actualArray && expectedArray.Count == actualArray.Count:
                for (var i = 0; i < expectedArray.Count; i++)
                {
                    SameLeaves(expectedArray[i], actualArray[i], $"{path}[{i}]", differences);
                }

                break;
            default:
                if (LeafText(expected) != LeafText(actual))
                {
                    differences.Add($"{path}: {expected?.ToJsonString() ?? "null"} != {actual?.ToJsonString() ?? "null"}");
                }

                break;
        }
    }

    private static string LeafText(JsonNode? node) => node switch
    {
        null => "<absent>",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
