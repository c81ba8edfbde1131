using System.Text.Json.Nodes;

namespace Orchestrator.Model.Patching;

/// <summary>JSON merge patch (RFC 7386) as pure functions over System.Text.Json trees; inputs are never modified.</summary>
public static class JsonMergePatch
{
    /// <summary>
    /// Applies <paramref name="patch"/> to <paramref name="target"/>: objects merge key by key, a null value removes
    /// the key, anything else (arrays included) replaces.
    /// </summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            var merged = Apply(result[key], value);
            result.Remove(key);
            result[key] = merged;
        }

        return result;
    }

    /// <summary>
    /// Computes the merge patch that turns <paramref name="source"/> into <paramref name="target"/>; an empty object
    /// when they are equal. Null values inside <paramref name="target"/> objects cannot be expressed by RFC 7386.
    /// </summary>
    public static JsonNode? Create(JsonNode? source, JsonNode? target)
    {
        if (source is not JsonObject sourceObject || target is not JsonObject targetObject)
        {
            return JsonNode.DeepEquals(source, target) && target is JsonObject ? new JsonObject() : target?.DeepClone();
        }

        var patch = new JsonObject();
        foreach (var (key, _) in sourceObject)
        {
            if (!targetObject.ContainsKey(key))
            {
                patch[key] = null;
            }
        }

        foreach (var (key, value) in targetObject)
        {
            if (!sourceObject.TryGetPropertyValue(key, out var old))
            {
                patch[key] = value?.DeepClone();
            }
            else if (!JsonNode.DeepEquals(old, value))
            {
                patch[key] = old is JsonObject && value is JsonObject ? Create(old, value) : value?.DeepClone();
            }
        }

        return patch;
    }
}
