using System.Text.Json.Nodes;

namespace Orchestrator.Model.Patching;

/// <summary>Computes strategic merge patches between two trees, optionally keeping only deletions or only changes.</summary>
internal static class StrategicDiff
{
    public static JsonObject Diff(JsonObject original, JsonObject modified, PatchSchema schema, bool ignoreDeletions, bool ignoreChangesAndAdditions)
    {
        var patch = new JsonObject();
        if (!ignoreDeletions)
        {
            foreach (var (key, _) in original)
            {
                if (!modified.ContainsKey(key))
                {
                    patch[key] = null;
                }
            }
        }

        foreach (var (key, value) in modified)
        {
            if (!original.TryGetPropertyValue(key, out var old))
            {
                if (!ignoreChangesAndAdditions)
                {
                    patch[key] = value?.DeepClone();
                }

                continue;
            }

            if (JsonNode.DeepEquals(old, value))
            {
                continue;
            }

            var (childSchema, merge) = schema.Field(key);
            if (old is JsonObject oldObject && value is JsonObject newObject)
            {
                var child = Diff(oldObject, newObject, childSchema, ignoreDeletions, ignoreChangesAndAdditions);
                if (child.Count > 0)
                {
                    patch[key] = child;
                }
            }
            else if (old is JsonArray oldList && value is JsonArray newList && merge is not null
                && (merge.MergeKey is null || (HasKeys(oldList, merge.MergeKey) && HasKeys(newList, merge.MergeKey))))
            {
                DiffList(key, oldList, newList, childSchema.Element, merge.MergeKey, patch, ignoreDeletions, ignoreChangesAndAdditions);
            }
            else if (!ignoreChangesAndAdditions)
            {
                patch[key] = value?.DeepClone();
            }
        }

        return patch;
    }

    private static void DiffList(
        string key,
        JsonArray original,
        JsonArray modified,
        PatchSchema elementSchema,
        string? mergeKey,
        JsonObject patch,
        bool ignoreDeletions,
        bool ignoreChangesAndAdditions)
    {
        var listPatch = new JsonArray();
        if (mergeKey is null)
        {
            if (!ignoreChangesAndAdditions)
            {
                foreach (var item in modified.Where(m => !original.Any(o => JsonNode.DeepEquals(o, m))))
                {
                    listPatch.Add(item?.DeepClone());
                }
            }

            var removed = original.Where(o => !modified.Any(m => JsonNode.DeepEquals(o, m))).ToList();
            if (!ignoreDeletions && removed.Count > 0)
            {
                patch[StrategicMergePatch.DeleteFromPrimitiveListPrefix + key] = new JsonArray(removed.Select(r => r?.DeepClone()).ToArray());
            }
        }
        else
        {
            foreach (var item in modified)
            {
                var element = (JsonObject)item!;
                var index = StrategicMergePatch.IndexOf(original, mergeKey, element[mergeKey]!);
                if (index < 0)
                {
                    if (!ignoreChangesAndAdditions)
                    {
                        listPatch.Add(element.DeepClone());
                    }
                }
                else if (!JsonNode.DeepEquals(original[index], element))
                {
                    var elementPatch = Diff((JsonObject)original[index]!, element, elementSchema, ignoreDeletions, ignoreChangesAndAdditions);
                    if (elementPatch.Count > 0)
                    {
                        var keyed = new JsonObject { [mergeKey] = element[mergeKey]!.DeepClone() };
                        foreach (var (field, value) in elementPatch)
                        {
                            keyed[field] = value?.DeepClone();
                        }

                        listPatch.Add(keyed);
                    }
                }
            }

            if (!ignoreDeletions)
            {
                foreach (var item in original)
                {
                    var keyValue = ((JsonObject)item!)[mergeKey]!;
                    if (StrategicMergePatch.IndexOf(modified, mergeKey, keyValue) < 0)
                    {
                        listPatch.Add(new JsonObject { [mergeKey] = keyValue.DeepClone(), [StrategicMergePatch.PatchDirective] = "delete" });
                    }
                }
            }
        }

        if (listPatch.Count > 0)
        {
            patch[key] = listPatch;
        }

        if (!ignoreChangesAndAdditions && (listPatch.Count > 0 || !SameOrder(original, modified, mergeKey)))
        {
            var order = modified.Select(m => mergeKey is null ? m?.DeepClone() : new JsonObject { [mergeKey] = ((JsonObject)m!)[mergeKey]!.DeepClone() });
            patch[StrategicMergePatch.SetElementOrderPrefix + key] = new JsonArray(order.ToArray());
        }
    }

    private static bool HasKeys(JsonArray list, string mergeKey) =>
        list.All(i => i is JsonObject o && o[mergeKey] is not null)
        && list.Select(i => ((JsonObject)i!)[mergeKey]!.ToJsonString()).Distinct(StringComparer.Ordinal).Count() == list.Count;

    private static bool SameOrder(JsonArray original, JsonArray modified, string? mergeKey)
    {
        string Identity(JsonNode? node) => (mergeKey is not null && node is JsonObject o ? o[mergeKey] : node)?.ToJsonString() ?? "null";
        var shared = original.Select(Identity).Where(id => modified.Select(Identity).Contains(id)).ToList();
        var modifiedShared = modified.Select(Identity).Where(id => shared.Contains(id)).ToList();
        return shared.SequenceEqual(modifiedShared);
    }
}
