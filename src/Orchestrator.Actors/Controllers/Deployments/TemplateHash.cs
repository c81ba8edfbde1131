using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Actors.Controllers.Deployments;

/// <summary>
/// The <c>pod-template-hash</c> label that names a Deployment's ReplicaSets and keeps their pods apart, and
/// template equality that ignores that label (a ReplicaSet's template carries it, the Deployment's does not).
/// </summary>
public static class TemplateHash
{
    /// <summary>The label key.</summary>
    public const string Label = "pod-template-hash";

    // Consonants and digits only, so no hash spells a word (the alphabet Kubernetes' SafeEncodeString uses).
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>The hash of <paramref name="template"/> with <paramref name="collisionCount"/> mixed in: FNV-1a of its canonical JSON.</summary>
    public static string Of(PodTemplateSpec template, int? collisionCount)
    {
        var text = Canonical(template).ToJsonString();
        if (collisionCount is { } collisions)
        {
            text += "#" + collisions.ToString(CultureInfo.InvariantCulture);
        }

        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        var digits = hash.ToString(CultureInfo.InvariantCulture);
        var encoded = new StringBuilder(digits.Length);
        foreach (var c in digits)
        {
            encoded.Append(Alphabet[(c - '0') * 2 % Alphabet.Length]);
        }

        return encoded.ToString();
    }

    /// <summary>True when the templates are equal apart from the pod-template-hash label.</summary>
    public static bool SameTemplate(PodTemplateSpec? a, PodTemplateSpec? b) =>
        a is not null && b is not null && JsonNode.DeepEquals(Canonical(a), Canonical(b));

    /// <summary>A copy of <paramref name="template"/> without the pod-template-hash label (what a rollback copies back).</summary>
    public static PodTemplateSpec WithoutHash(PodTemplateSpec template)
    {
        var copy = ManifestSerializer.DeepCopy(template);
        if (copy.Metadata?.Labels is { } labels)
        {
            labels.Remove(Label);
            if (labels.Count == 0)
            {
                copy.Metadata.Labels = null;
            }
        }

        return copy;
    }

    private static JsonObject Canonical(PodTemplateSpec template)
    {
        var node = ManifestSerializer.ToNode(template);
        if (node["metadata"] is JsonObject metadata && metadata["labels"] is JsonObject labels)
        {
            labels.Remove(Label);
            if (labels.Count == 0)
            {
                metadata.Remove("labels");
            }
        }

        if (node["metadata"] is JsonObject { Count: 0 })
        {
            node.Remove("metadata");
        }

        return node;
    }
}
