using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Orchestrator.Model.Serialization;

/// <summary>
/// Finds every field of a JSON tree that the target CLR type does not declare, using System.Text.Json's own
/// contract metadata, so the schema is the model types themselves and no list has to be kept by hand.
/// </summary>
internal static class UnknownFieldScanner
{
    private static readonly ConcurrentDictionary<JsonTypeInfo, Dictionary<string, JsonPropertyInfo>> _properties = new();

    public static List<string> Scan(JsonNode? node, Type type, JsonSerializerOptions options, string pathPrefix = "")
    {
        var unknown = new List<string>();
        Scan(node, options.GetTypeInfo(type), options, pathPrefix, unknown);
        return unknown;
    }

    private static void Scan(JsonNode? node, JsonTypeInfo info, JsonSerializerOptions options, string path, List<string> unknown)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when node is JsonObject obj:
                var properties = _properties.GetOrAdd(info, i => i.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal));
                foreach (var (key, value) in obj)
                {
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (properties.TryGetValue(key, out var property))
                    {
                        Scan(value, options.GetTypeInfo(property.PropertyType), options, childPath, unknown);
                    }
                    else
                    {
                        unknown.Add(childPath);
                    }
                }

                break;
            case JsonTypeInfoKind.Enumerable when node is JsonArray array && info.ElementType is { } elementType:
                var elementInfo = options.GetTypeInfo(elementType);
                for (var i = 0; i < array.Count; i++)
                {
                    Scan(array[i], elementInfo, options, $"{path}[{i}]", unknown);
                }

                break;
            case JsonTypeInfoKind.Dictionary when node is JsonObject map && info.ElementType is { } valueType:
                var valueInfo = options.GetTypeInfo(valueType);
                foreach (var (key, value) in map)
                {
                    Scan(value, valueInfo, options, $"{path}[{key}]", unknown);
                }

                break;
        }
    }
}
