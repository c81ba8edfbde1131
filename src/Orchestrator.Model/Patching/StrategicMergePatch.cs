using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Model.Patching;

/// <summary>
/// Kubernetes strategic merge patch as pure functions over System.Text.Json trees. Lists marked with
/// <see cref="PatchMergeAttribute"/> merge element by element (containers by name, ports by containerPort, finalizers
/// as a set); other lists (tolerations, args) are replaced. Supports the <c>$patch: delete|replace|merge</c>,
/// <c>$deleteFromPrimitiveList/&lt;field&gt;</c>, <c>$setElementOrder/&lt;field&gt;</c> and <c>$retainKeys</c> directives.
/// </summary>
public static class StrategicMergePatch
{
    internal const string PatchDirective = "$patch";
    internal const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";
    internal const string SetElementOrderPrefix = "$setElementOrder/";
    internal const string RetainKeysDirective = "$retainKeys";

    /// <summary>Applies a strategic merge patch to a tree of the given model type; the inputs are not modified.</summary>
    public static JsonNode? Apply(JsonNode? original, JsonNode? patch, Type schemaType) =>
        Apply(original, patch, PatchSchema.For(schemaType));

    /// <summary>Applies a strategic merge patch with an explicit schema.</summary>
    public static JsonNode? Apply(JsonNode? original, JsonNode? patch, PatchSchema schema)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var start = original is JsonObject originalObject ? (JsonObject)originalObject.DeepClone() : new JsonObject();
        return MergeMap(start, patchObject, schema);
    }

    /// <summary>Applies a patch to a typed object and returns a new object; the input is not modified.</summary>
    public static T Apply<T>(T original, JsonNode patch)
        where T : notnull
    {
        var merged = Apply(ManifestSerializer.ToNode(original), patch, original.GetType());
        return (T)(merged.Deserialize(original.GetType(), KubernetesJson.Options) ?? throw new JsonException("patch produced null"));
    }

    /// <summary>The patch that turns <paramref name="original"/> into <paramref name="modified"/> (an empty object when equal).</summary>
    public static JsonObject CreateTwoWay(JsonNode? original, JsonNode? modified, Type schemaType) =>
        StrategicDiff.Diff(AsObject(original), AsObject(modified), PatchSchema.For(schemaType), ignoreDeletions: false, ignoreChangesAndAdditions: false);

    /// <summary>
    /// The patch <c>kubectl apply</c> sends: changes and additions from <paramref name="live"/> to
    /// <paramref name="modified"/>, plus deletions of fields that were in <paramref name="lastApplied"/> (the
    /// last-applied-configuration) but are no longer in <paramref name="modified"/>. Fields only the server or other
    /// writers set in <paramref name="live"/> are left alone.
    /// </summary>
    public static JsonObject CreateThreeWay(JsonNode? lastApplied, JsonNode? modified, JsonNode? live, Type schemaType) =>
        CreateThreeWay(lastApplied, modified, live, PatchSchema.For(schemaType));

    /// <summary>Three-way patch with an explicit schema (<see cref="PatchSchema.Unknown"/> gives a JSON merge patch).</summary>
    public static JsonObject CreateThreeWay(JsonNode? lastApplied, JsonNode? modified, JsonNode? live, PatchSchema schema)
    {
        var target = AsObject(modified);
        var delta = StrategicDiff.Diff(AsObject(live), target, schema, ignoreDeletions: true, ignoreChangesAndAdditions: false);
        var deletions = StrategicDiff.Diff(AsObject(lastApplied), target, schema, ignoreDeletions: false, ignoreChangesAndAdditions: true);
        return CombinePatches(deletions, delta);
    }

    private static JsonObject AsObject(JsonNode? node) => node as JsonObject ?? new JsonObject();

    /// <summary>Merges two patches that touch disjoint leaves: maps combine, list patches concatenate.</summary>
    private static JsonObject CombinePatches(JsonObject first, JsonObject second)
    {
        var result = (JsonObject)first.DeepClone();
        foreach (var (key, value) in second)
        {
            if (result[key] is JsonObject left && value is JsonObject right)
            {
                result[key] = CombinePatches(left, right);
            }
            else if (result[key] is JsonArray leftList && value is JsonArray rightList && !key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
            {
                var combined = (JsonArray)leftList.DeepClone();
                foreach (var item in rightList)
                {
                    combined.Add(item?.DeepClone());
                }

                result[key] = combined;
            }
            else
            {
                result[key] = value?.DeepClone();
            }
        }

        return result;
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/> (owned, mutated); null means "delete this map".</summary>
    private static JsonObject? MergeMap(JsonObject original, JsonObject patch, PatchSchema schema)
    {
        switch (Directive(patch))
        {
            case "delete":
                return null;
            case "replace":
                return StripDirectives(patch);
        }

        if (patch[RetainKeysDirective] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var key in original.Select(kv => kv.Key).Where(k => !keep.Contains(k)).ToList())
            {
                original.Remove(key);
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal) && value is JsonArray toDelete
                && original[key[DeleteFromPrimitiveListPrefix.Length..]] is JsonArray list)
            {
                foreach (var item in list.Where(i => toDelete.Any(d => JsonNode.DeepEquals(d, i))).ToList())
                {
                    list.Remove(item);
                }
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                original.Remove(key);
                continue;
            }

            var (childSchema, merge) = schema.Field(key);
            var existing = original[key];
            JsonNode? merged;
            if (value is JsonObject valueObject)
            {
                merged = MergeMap(existing is JsonObject existingObject ? (JsonObject)existingObject.DeepClone() : new JsonObject(), valueObject, childSchema);
                if (merged is null)
                {
                    original.Remove(key);
                    continue;
                }
            }
            else if (value is JsonArray valueArray && merge is not null)
            {
                merged = MergeList(existing as JsonArray, valueArray, childSchema.Element, merge.MergeKey);
            }
            else
            {
                merged = value.DeepClone();
            }

            original[key] = merged;
        }

        foreach (var (key, value) in patch)
        {
            if (key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal) && value is JsonArray order
                && original[key[SetElementOrderPrefix.Length..]] is JsonArray list)
            {
                var (_, merge) = schema.Field(key[SetElementOrderPrefix.Length..]);
                original[key[SetElementOrderPrefix.Length..]] = Reorder(list, order, merge?.MergeKey);
            }
        }

        return original;
    }

    private static JsonArray MergeList(JsonArray? original, JsonArray patch, PatchSchema elementSchema, string? mergeKey)
    {
        var result = original is null ? new JsonArray() : (JsonArray)original.DeepClone();
        if (patch.Any(p => p is JsonObject o && Directive(o) == "replace"))
        {
            return new JsonArray(patch.Where(p => !(p is JsonObject o && Directive(o) == "replace")).Select(p => p is JsonObject o ? StripDirectives(o) : p?.DeepClone()).ToArray());
        }

        if (mergeKey is null)
        {
            foreach (var item in patch)
            {
                if (!result.Any(r => JsonNode.DeepEquals(r, item)))
                {
                    result.Add(item?.DeepClone());
                }
            }

            return result;
        }

        foreach (var item in patch)
        {
            if (item is not JsonObject element || element[mergeKey] is not { } keyValue)
            {
                // An element without its merge key cannot be matched: kept as given.
                result.Add(item?.DeepClone());
                continue;
            }

            var index = IndexOf(result, mergeKey, keyValue);
            if (Directive(element) == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }

                continue;
            }

            if (index >= 0)
            {
                var existing = (JsonObject)result[index]!.DeepClone();
                result[index] = MergeMap(existing, element, elementSchema);
            }
            else
            {
                result.Add(MergeMap(new JsonObject(), element, elementSchema));
            }
        }

        return result;
    }

    private static JsonArray Reorder(JsonArray list, JsonArray order, string? mergeKey)
    {
        JsonNode? Identity(JsonNode? node) => mergeKey is not null && node is JsonObject o ? o[mergeKey] : node;
        var items = list.Select(i => i?.DeepClone()).ToList();
        var ordered = new List<JsonNode?>();
        foreach (var wanted in order)
        {
            var match = items.FindIndex(i => JsonNode.DeepEquals(Identity(i), Identity(wanted)));
            if (match >= 0)
            {
                ordered.Add(items[match]);
                items.RemoveAt(match);
            }
        }

        ordered.AddRange(items);
        return new JsonArray(ordered.ToArray());
    }

    internal static int IndexOf(JsonArray list, string mergeKey, JsonNode keyValue)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject candidate && JsonNode.DeepEquals(candidate[mergeKey], keyValue))
            {
                return i;
            }
        }

        return -1;
    }

    private static string? Directive(JsonObject node) =>
        node[PatchDirective] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static JsonObject StripDirectives(JsonObject node)
    {
        var result = new JsonObject();
        foreach (var (key, value) in node)
        {
            if (!key.StartsWith('$'))
            {
                result[key] = value is JsonObject child ? StripDirectives(child) : value?.DeepClone();
            }
        }

        return result;
    }
}
