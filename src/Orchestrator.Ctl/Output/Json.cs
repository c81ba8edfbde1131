using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Ctl.Output;

/// <summary>Reads fields of an object's JSON by dotted path, as the printers need them.</summary>
public static class Json
{
    /// <summary>The node at <paramref name="path"/> (e.g. <c>status.phase</c>), or null.</summary>
    public static JsonNode? At(JsonNode? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(part, out node)) return null;
        }

        return node;
    }

    /// <summary>The string at <paramref name="path"/> (numbers and booleans as their text), or null.</summary>
    public static string? Str(JsonNode? node, string path) => At(node, path) is JsonValue v ? Text(v) : null;

    /// <summary>The integer at <paramref name="path"/>, or <paramref name="fallback"/>.</summary>
    public static long Int(JsonNode? node, string path, long fallback = 0) =>
        At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : fallback;

    /// <summary>The elements of the array at <paramref name="path"/> (none when absent).</summary>
    public static IEnumerable<JsonNode> Items(JsonNode? node, string path) => At(node, path) is JsonArray a ? a.Where(i => i is not null).Select(i => i!) : [];

    /// <summary>The string map at <paramref name="path"/> (labels, annotations, selectors) in key order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Map(JsonNode? node, string path) =>
        At(node, path) is JsonObject o
            ? o.Select(p => new KeyValuePair<string, string>(p.Key, p.Value is JsonValue v ? Text(v) ?? "" : p.Value?.ToJsonString() ?? "")).OrderBy(p => p.Key, StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The timestamp at <paramref name="path"/>, or null.</summary>
    public static DateTimeOffset? Time(JsonNode? node, string path) =>
        Str(node, path) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static string? Text(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Null => null,
        _ => value.ToJsonString(),
    };
}
