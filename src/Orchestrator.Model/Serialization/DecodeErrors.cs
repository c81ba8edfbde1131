using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orchestrator.Model.Serialization;

/// <summary>Turns System.Text.Json's type-mismatch exceptions into messages that name the field path and both types.</summary>
internal static partial class DecodeErrors
{
    public static string Describe(JsonException ex, JsonObject root, string prefix)
    {
        var path = ToFieldPath(ex.Path);
        var offending = Navigate(root, path);
        var converted = ConvertedTo().Match(ex.Message);
        var location = prefix + path;
        if (converted.Success)
        {
            return $"{location}: cannot decode {ManifestSerializer.Describe(offending)} {Render(offending)} as {FriendlyType(converted.Groups[1].Value)}";
        }

        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        return location.Length == 0 ? message : $"{location}: {message}";
    }

    private static string Render(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 60 ? text[..57] + "..." : text;
    }

    /// <summary>"$.spec.containers[0]['a b']" → "spec.containers[0].a b".</summary>
    internal static string ToFieldPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return string.Empty;
        }

        var path = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return QuotedSegment().Replace(path, m => "." + m.Groups[1].Value).TrimStart('.');
    }

    private static JsonNode? Navigate(JsonNode? node, string path)
    {
        foreach (Match segment in Segment().Matches(path))
        {
            if (segment.Groups["index"].Success && node is JsonArray array
                && int.TryParse(segment.Groups["index"].Value, out var i) && i < array.Count)
            {
                node = array[i];
            }
            else if (segment.Groups["name"].Success && node is JsonObject obj)
            {
                node = obj[segment.Groups["name"].Value];
            }
            else
            {
                return node;
            }
        }

        return node;
    }

    private static string FriendlyType(string clrName)
    {
        var inner = NullableOf().Match(clrName) is { Success: true } m ? m.Groups[1].Value : clrName;
        return inner switch
        {
            "System.Int32" => "int32",
            "System.Int64" => "int64",
            "System.Boolean" => "boolean",
            "System.String" => "string",
            "System.Double" => "float64",
            "System.Byte[]" => "base64 bytes",
            _ when inner.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal) => "a list",
            _ when inner.StartsWith("System.Collections.Generic.Dictionary", StringComparison.Ordinal) => "a map",
            _ => "an object (" + inner[(inner.LastIndexOf('.') + 1)..] + ")",
        };
    }

    [GeneratedRegex(@"could not be converted to ([^\s]+?)\.(\s|$)")]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"^System\.Nullable`1\[(.+)\]$")]
    private static partial Regex NullableOf();

    [GeneratedRegex(@"\['([^']*)'\]")]
    private static partial Regex QuotedSegment();

    [GeneratedRegex(@"(?<name>[^.\[\]]+)|\[(?<index>\d+)\]")]
    private static partial Regex Segment();
}
