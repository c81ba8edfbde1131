using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Model.Registry;

namespace Orchestrator.Model.Serialization;

/// <summary>
/// Reads and writes Kubernetes manifests. YAML (via YamlDotNet's parser) and JSON both become a
/// System.Text.Json tree first; that tree is checked for unknown and duplicate fields, its apiVersion and kind
/// pick the CLR type from the registry, and System.Text.Json types it. Writing goes the other way.
/// </summary>
public sealed class ManifestSerializer
{
    private const string ListKind = "List";

    /// <summary>Creates a serializer over a registry (the built-in kinds by default).</summary>
    public ManifestSerializer(ResourceRegistry? registry = null)
    {
        Registry = registry ?? ResourceRegistry.Default;
    }

    /// <summary>A serializer over the built-in kinds.</summary>
    public static ManifestSerializer Default { get; } = new();

    /// <summary>The kinds this serializer knows.</summary>
    public ResourceRegistry Registry { get; }

    /// <summary>
    /// Reads every document of a YAML or JSON stream (documents separated by <c>---</c>, or concatenated JSON
    /// values; a <c>kind: List</c> is expanded into its items). Never throws for bad input: problems are in
    /// the result's errors and warnings, each naming <paramref name="source"/> and the document index.
    /// </summary>
    public ManifestReadResult Read(string text, string? source = null, FieldValidation validation = FieldValidation.Warn)
    {
        var documents = new List<ManifestDocument>();
        var warnings = new List<ManifestDiagnostic>();
        var errors = new List<ManifestDiagnostic>();
        List<RawDocument> raw;
        try
        {
            raw = ParseTrees(text);
        }
        catch (StreamSyntaxException ex)
        {
            errors.Add(new ManifestDiagnostic(source, ex.DocumentIndex, ex.Message));
            return new ManifestReadResult(documents, warnings, errors);
        }

        foreach (var document in raw)
        {
            if (document.Root is null)
            {
                continue;
            }

            ReportFields(document.DuplicateFields.Select(p => $"duplicate field \"{p}\""), document, source, validation, warnings, errors, out var rejected);
            if (rejected)
            {
                continue;
            }

            if (document.Root is not JsonObject root)
            {
                errors.Add(new ManifestDiagnostic(source, document.Index, $"document must be an object, not {Describe(document.Root)}"));
                continue;
            }

            if (root["kind"] is JsonValue kind && kind.GetValueKind() == JsonValueKind.String && kind.GetValue<string>() == ListKind
                && root["items"] is JsonArray items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    ReadOne(items[i], $"items[{i}]", document, source, validation, documents, warnings, errors);
                }
            }
            else
            {
                ReadOne(root, string.Empty, document, source, validation, documents, warnings, errors);
            }
        }

        return new ManifestReadResult(documents, warnings, errors);
    }

    /// <summary>Reads a manifest file; the path names the source in diagnostics.</summary>
    public ManifestReadResult ReadFile(string path, FieldValidation validation = FieldValidation.Warn) =>
        Read(File.ReadAllText(path), path, validation);

    /// <summary>Reads every object of a stream or throws a <see cref="ManifestException"/> listing every error.</summary>
    public IReadOnlyList<IKubernetesObject> Load(string text, string? source = null, FieldValidation validation = FieldValidation.Warn) =>
        Read(text, source, validation).ThrowIfFailed().Objects;

    /// <summary>Reads a single-document manifest that must be a <typeparamref name="T"/>.</summary>
    public T Deserialize<T>(string text, FieldValidation validation = FieldValidation.Warn)
        where T : IKubernetesObject
    {
        var objects = Load(text, null, validation);
        return objects switch
        {
            [T single] => single,
            [var other] => throw new ManifestException([new ManifestDiagnostic(null, 0, $"expected {typeof(T).Name}, found {other.Kind}")]),
            _ => throw new ManifestException([new ManifestDiagnostic(null, 0, $"expected one document, found {objects.Count}")]),
        };
    }

    /// <summary>Types a JSON tree whose apiVersion and kind name a registered kind; unknown fields are ignored.</summary>
    public IKubernetesObject FromNode(JsonObject node)
    {
        var result = new List<ManifestDocument>();
        var errors = new List<ManifestDiagnostic>();
        ReadOne(node, string.Empty, new RawDocument(0, 1, node, []), null, FieldValidation.Ignore, result, [], errors);
        return errors.Count > 0 ? throw new ManifestException(errors) : result[0].Object;
    }

    /// <summary>Types a JSON tree as <typeparamref name="T"/> (apiVersion and kind are not consulted).</summary>
    public static T FromNode<T>(JsonNode node) =>
        node.Deserialize<T>(KubernetesJson.Options) ?? throw new JsonException("document is null");

    /// <summary>The object as a JSON tree in Kubernetes shape.</summary>
    public static JsonObject ToNode(object obj) =>
        JsonSerializer.SerializeToNode(obj, obj.GetType(), KubernetesJson.Options) as JsonObject
        ?? throw new JsonException($"{obj.GetType().Name} does not serialize to a JSON object");

    /// <summary>The object as JSON, indented by default.</summary>
    public static string ToJson(object obj, bool indented = true) =>
        JsonSerializer.Serialize(obj, obj.GetType(), indented ? KubernetesJson.IndentedOptions : KubernetesJson.Options);

    /// <summary>The object as a YAML document.</summary>
    public static string ToYaml(object obj) => YamlTreeWriter.Write([ToNode(obj)]);

    /// <summary>Several objects as one multi-document YAML stream separated by <c>---</c>.</summary>
    public static string ToYaml(IEnumerable<object> objects) => YamlTreeWriter.Write(objects.Select(o => (JsonNode?)ToNode(o)));

    /// <summary>A JSON tree as YAML.</summary>
    public static string NodeToYaml(JsonNode? node) => YamlTreeWriter.Write([node]);

    /// <summary>Every document of a YAML or JSON stream as an untyped JSON tree (empty documents skipped).</summary>
    public static IReadOnlyList<JsonNode> ParseNodes(string text)
    {
        try
        {
            return ParseTrees(text).Where(d => d.Root is not null).Select(d => d.Root!).ToList();
        }
        catch (StreamSyntaxException ex)
        {
            throw new ManifestException([new ManifestDiagnostic(null, ex.DocumentIndex, ex.Message)]);
        }
    }

    /// <summary>True when both objects serialize to the same JSON tree (field order ignored).</summary>
    public static bool SemanticallyEqual(object? left, object? right) =>
        left is null || right is null
            ? left is null && right is null
            : JsonNode.DeepEquals(ToNode(left), ToNode(right));

    /// <summary>A deep copy made through the wire form.</summary>
    public static T DeepCopy<T>(T obj)
        where T : notnull =>
        (T)(ToNode(obj).Deserialize(obj.GetType(), KubernetesJson.Options) ?? throw new JsonException("copy is null"));

    private static List<RawDocument> ParseTrees(string text)
    {
        if (JsonTreeReader.LooksLikeJson(text))
        {
            try
            {
                return JsonTreeReader.Read(text);
            }
            catch (StreamSyntaxException)
            {
                // Not JSON after all (e.g. a YAML flow mapping): fall through to YAML.
            }
        }

        return YamlTreeReader.Read(text);
    }

    private void ReadOne(
        JsonNode? node,
        string pathPrefix,
        RawDocument document,
        string? source,
        FieldValidation validation,
        List<ManifestDocument> documents,
        List<ManifestDiagnostic> warnings,
        List<ManifestDiagnostic> errors)
    {
        var prefix = pathPrefix.Length == 0 ? string.Empty : pathPrefix + ".";
        if (node is not JsonObject obj)
        {
            errors.Add(new ManifestDiagnostic(source, document.Index, $"{prefix}document must be an object, not {Describe(node)}"));
            return;
        }

        var apiVersion = StringField(obj, "apiVersion");
        var kind = StringField(obj, "kind");
        if (apiVersion is null || kind is null)
        {
            var missing = new List<string>();
            if (apiVersion is null)
            {
                missing.Add($"{prefix}apiVersion not set");
            }

            if (kind is null)
            {
                missing.Add($"{prefix}kind not set");
            }

            errors.Add(new ManifestDiagnostic(source, document.Index, $"error validating data: [{string.Join(", ", missing)}]"));
            return;
        }

        if (!Registry.TryGetByKind(apiVersion, kind, out var type))
        {
            errors.Add(new ManifestDiagnostic(source, document.Index, $"{prefix}no matches for kind \"{kind}\" in version \"{apiVersion}\""));
            return;
        }

        var unknown = UnknownFieldScanner.Scan(obj, type.ClrType, KubernetesJson.Options, pathPrefix)
            .Select(p => $"unknown field \"{p}\"");
        ReportFields(unknown, document, source, validation, warnings, errors, out var rejected);
        if (rejected)
        {
            return;
        }

        try
        {
            var typed = (IKubernetesObject?)obj.Deserialize(type.ClrType, KubernetesJson.Options)
                ?? throw new JsonException("document is null");
            documents.Add(new ManifestDocument(source, document.Index, document.Line, typed, type, obj));
        }
        catch (JsonException ex)
        {
            errors.Add(new ManifestDiagnostic(source, document.Index, DecodeErrors.Describe(ex, obj, prefix), ex.Path));
        }
        catch (FormatException ex)
        {
            errors.Add(new ManifestDiagnostic(source, document.Index, prefix + ex.Message));
        }
    }

    private static void ReportFields(
        IEnumerable<string> messages,
        RawDocument document,
        string? source,
        FieldValidation validation,
        List<ManifestDiagnostic> warnings,
        List<ManifestDiagnostic> errors,
        out bool rejected)
    {
        rejected = false;
        if (validation == FieldValidation.Ignore)
        {
            return;
        }

        foreach (var message in messages)
        {
            var diagnostic = new ManifestDiagnostic(source, document.Index, message);
            if (validation == FieldValidation.Strict)
            {
                errors.Add(diagnostic with { Message = "strict decoding error: " + message });
                rejected = true;
            }
            else
            {
                warnings.Add(diagnostic);
            }
        }
    }

    private static string? StringField(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text
            ? text
            : null;

    internal static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "a value",
        },
    };
}
