using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orchestrator.Model.Primitives;

namespace Orchestrator.Model.Serialization;

/// <summary>The System.Text.Json settings that give the model its Kubernetes wire shape.</summary>
public static class KubernetesJson
{
    /// <summary>
    /// camelCase names, case-sensitive matching (as the apiserver's decoder), nulls omitted, RFC 3339 times,
    /// unknown fields ignored (the serializer reports them separately), readable escaping.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(indented: false);

    /// <summary>Same as <see cref="Options"/> but indented by two spaces.</summary>
    public static JsonSerializerOptions IndentedOptions { get; } = CreateOptions(indented: true);

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null,
            PropertyNameCaseInsensitive = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            WriteIndented = indented,
            IndentSize = 2,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
            NumberHandling = JsonNumberHandling.Strict,
            MaxDepth = 256,
        };
        options.Converters.Add(new TimeJsonConverter());
        options.MakeReadOnly();
        return options;
    }
}
