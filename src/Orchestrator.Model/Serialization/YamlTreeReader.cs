using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Orchestrator.Model.Serialization;

/// <summary>One document of a YAML or JSON stream, as a JSON tree, before typing.</summary>
/// <param name="Index">Zero-based position of the document in the stream (empty documents count).</param>
/// <param name="Line">One-based line the document starts on.</param>
/// <param name="Root">The document's tree; null for an empty document.</param>
/// <param name="DuplicateFields">Paths of keys that appeared twice in one mapping (the last value wins).</param>
internal sealed record RawDocument(int Index, int Line, JsonNode? Root, IReadOnlyList<string> DuplicateFields);

/// <summary>A syntax error in a stream, with the document it was found in.</summary>
internal sealed class StreamSyntaxException(int documentIndex, string message, Exception? inner)
    : Exception(message, inner)
{
    public int DocumentIndex { get; } = documentIndex;
}

/// <summary>
/// Turns YAML (every document of a multi-document stream) into System.Text.Json trees using YamlDotNet's
/// event parser, so that System.Text.Json is the one typed path. Supports anchors, aliases and merge keys.
/// </summary>
internal static class YamlTreeReader
{
    private const string MergeKey = "<<";

    public static List<RawDocument> Read(string text)
    {
        var documents = new List<RawDocument>();
        var parser = new Parser(new StringReader(text));
        var index = 0;
        try
        {
            parser.Consume<StreamStart>();
            while (!parser.TryConsume<StreamEnd>(out _))
            {
                var start = parser.Consume<DocumentStart>();
                var context = new DocumentContext();
                var root = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser, string.Empty, context);
                parser.Consume<DocumentEnd>();
                documents.Add(new RawDocument(index, (int)start.Start.Line, root, context.Duplicates));
                index++;
            }
        }
        catch (YamlException ex)
        {
            throw new StreamSyntaxException(
                index,
                $"yaml: line {ex.Start.Line}, column {ex.Start.Column}: {Innermost(ex).Message}",
                ex);
        }

        return documents;
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;

    private static JsonNode? ReadNode(IParser parser, string path, DocumentContext context)
    {
        switch (parser.Current)
        {
            case Scalar scalar:
                parser.MoveNext();
                var value = ResolveScalar(scalar);
                Remember(context, scalar.Anchor, value);
                return value;
            case AnchorAlias alias:
                parser.MoveNext();
                if (!context.Anchors.TryGetValue(alias.Value.Value, out var anchored))
                {
                    throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value.Value}' referenced");
                }

                return anchored?.DeepClone();
            case SequenceStart sequenceStart:
                parser.MoveNext();
                var array = new JsonArray();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(ReadNode(parser, $"{path}[{array.Count}]", context));
                }

                Remember(context, sequenceStart.Anchor, array);
                return array;
            case MappingStart mappingStart:
                parser.MoveNext();
                var mapping = ReadMapping(parser, path, context);
                Remember(context, mappingStart.Anchor, mapping);
                return mapping;
            default:
                var unexpected = parser.Current!;
                throw new YamlException(unexpected.Start, unexpected.End, $"unexpected {unexpected.GetType().Name}");
        }
    }

    private static JsonObject ReadMapping(IParser parser, string path, DocumentContext context)
    {
        var mapping = new JsonObject();
        var merges = new List<JsonObject>();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            if (parser.Current is not Scalar keyScalar)
            {
                var at = parser.Current!;
                throw new YamlException(at.Start, at.End, "mapping keys must be scalars");
            }

            parser.MoveNext();
            var key = keyScalar.Value;
            if (key == MergeKey && keyScalar.Style == ScalarStyle.Plain)
            {
                CollectMergeSources(ReadNode(parser, path, context), merges, keyScalar);
                continue;
            }

            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            var child = ReadNode(parser, childPath, context);
            if (mapping.ContainsKey(key))
            {
                context.Duplicates.Add(childPath);
                mapping.Remove(key);
            }

            mapping[key] = child;
        }

        foreach (var source in merges)
        {
            foreach (var (key, value) in source)
            {
                if (!mapping.ContainsKey(key))
                {
                    mapping[key] = value?.DeepClone();
                }
            }
        }

        return mapping;
    }

    private static void CollectMergeSources(JsonNode? value, List<JsonObject> merges, Scalar at)
    {
        switch (value)
        {
            case JsonObject single:
                merges.Add(single);
                break;
            case JsonArray many when many.All(n => n is JsonObject):
                merges.AddRange(many.Cast<JsonObject>());
                break;
            default:
                throw new YamlException(at.Start, at.End, "map merge requires map or sequence of maps as the value");
        }
    }

    private static JsonNode? ResolveScalar(Scalar scalar)
    {
        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
        {
            try
            {
                return YamlScalars.ResolveTagged(scalar.Value, scalar.Tag.Value);
            }
            catch (FormatException ex)
            {
                throw new YamlException(scalar.Start, scalar.End, ex.Message);
            }
        }

        return scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty
            ? YamlScalars.ResolvePlain(scalar.Value)
            : JsonValue.Create(scalar.Value);
    }

    private static void Remember(DocumentContext context, AnchorName anchor, JsonNode? value)
    {
        if (!anchor.IsEmpty)
        {
            context.Anchors[anchor.Value] = value;
        }
    }

    private sealed class DocumentContext
    {
        public Dictionary<string, JsonNode?> Anchors { get; } = [];

        public List<string> Duplicates { get; } = [];
    }
}
