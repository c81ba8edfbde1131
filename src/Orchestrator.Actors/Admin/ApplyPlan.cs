using System.Text.Json.Nodes;
using Orchestrator.Model.Patching;

namespace Orchestrator.Actors.Admin;

/// <summary>
/// What <c>apply</c> decides, as pure functions: the object to store carries its own configuration in the
/// <see cref="LastAppliedAnnotation"/>, and an existing object is changed by the three-way strategic merge
/// patch between the last applied configuration, the new one and the live object — so fields the user
/// removed from the file are removed, and fields others set (status, defaults, a scaled replica count
/// the file does not mention) are kept.
/// </summary>
public static class ApplyPlan
{
    /// <summary>The annotation that holds the configuration last applied (as kubectl names it).</summary>
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>
    /// A copy of <paramref name="configuration"/> whose annotations hold its own compact JSON (without any
    /// previous last-applied annotation) under <see cref="LastAppliedAnnotation"/>.
    /// </summary>
    public static JsonObject WithLastApplied(JsonObject configuration)
    {
        var own = (JsonObject)configuration.DeepClone();
        if (own["metadata"] is JsonObject meta && meta["annotations"] is JsonObject annotations)
        {
            annotations.Remove(LastAppliedAnnotation);
            if (annotations.Count == 0) meta.Remove("annotations");
        }

        var stored = (JsonObject)configuration.DeepClone();
        var storedMeta = stored["metadata"] as JsonObject ?? new JsonObject();
        stored["metadata"] = storedMeta;
        var storedAnnotations = storedMeta["annotations"] as JsonObject ?? new JsonObject();
        storedMeta["annotations"] = storedAnnotations;
        storedAnnotations[LastAppliedAnnotation] = own.ToJsonString() + "\n";
        return stored;
    }

    /// <summary>The last applied configuration recorded on <paramref name="live"/>, or null when it has none (or it is unreadable).</summary>
    public static JsonObject? LastApplied(JsonObject live)
    {
        if (live["metadata"]?["annotations"]?[LastAppliedAnnotation] is not JsonValue value || !value.TryGetValue<string>(out var text)) return null;
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The strategic merge patch that applies <paramref name="configuration"/> (already carrying its annotation,
    /// see <see cref="WithLastApplied"/>) to <paramref name="live"/>; null when nothing would change.
    /// </summary>
    public static JsonObject? PatchFor(JsonObject configuration, JsonObject live, Type modelType)
    {
        var patch = StrategicMergePatch.CreateThreeWay(LastApplied(live), configuration, live, modelType);
        return patch.Count == 0 ? null : patch;
    }
}
