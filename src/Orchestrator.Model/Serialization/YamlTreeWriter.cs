using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Orchestrator.Model.Serialization;

/// <summary>
/// Writes JSON trees as block-style YAML in the shape kubectl prints: strings that would read back as
/// another type are double-quoted, multi-line strings use literal blocks, documents are separated by "---".
/// </summary>
internal static class YamlTreeWriter
{
    private const int LineWidth = 1_000_000;

    public static string Write(IEnumerable<JsonNode?> documents)
    {
        using var writer = new StringWriter();
        var emitter = new Emitter(writer, 2, LineWidth, false);
        emitter.Emit(new StreamStart());
        var first = true;
        foreach (var document in documents)
        {
            emitter.Emit(new DocumentStart(null, null, isImplicit: first));
            EmitNode(emitter, document);
            emitter.Emit(new DocumentEnd(isImplicit: true));
            first = false;
        }

        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void EmitNode(IEmitter emitter, JsonNode? node)
    {
        switch (node)
        {
            case null:
                EmitPlain(emitter, "null");
                break;
            case JsonObject obj:
                var mappingStyle = obj.Count == 0 ? MappingStyle.Flow : MappingStyle.Block;
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, true, mappingStyle));
                foreach (var (key, value) in obj)
                {
                    EmitString(emitter, key);
                    EmitNode(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonArray array:
                var sequenceStyle = array.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block;
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, sequenceStyle));
                foreach (var item in array)
                {
                    EmitNode(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        EmitString(emitter, value.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        EmitPlain(emitter, "true");
                        break;
                    case JsonValueKind.False:
                        EmitPlain(emitter, "false");
                        break;
                    case JsonValueKind.Null:
                        EmitPlain(emitter, "null");
                        break;
                    default:
                        EmitPlain(emitter, value.ToJsonString());
                        break;
                }

                break;
        }
    }

    private static void EmitPlain(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, true, false));

    private static void EmitString(IEmitter emitter, string text)
    {
        ScalarStyle style;
        if (text.Contains('\n', StringComparison.Ordinal) && IsLiteralFriendly(text))
        {
            style = ScalarStyle.Literal;
        }
        else if (YamlScalars.NeedsQuotes(text) || text.Any(NeedsEscape))
        {
            style = ScalarStyle.DoubleQuoted;
        }
        else
        {
            style = ScalarStyle.Any;
        }

        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, style, style == ScalarStyle.Any, true));
    }

    // A block literal of nothing but line breaks reads back as "" (its breaks are all trailing), so such
    // text needs quotes.
    private static bool IsLiteralFriendly(string text) =>
        text.Any(c => c != '\n')
        && !text.Split('\n').Any(line => line.EndsWith(' ') || line.EndsWith('\t'))
        && !text.StartsWith(' ')
        && !text.Any(c => c != '\n' && NeedsEscape(c));

    /// <summary>Line breaks other than LF and control characters only survive in double quotes.</summary>
    private static bool NeedsEscape(char c) =>
        (char.IsControl(c) && c != '\t') || c is '\u2028' or '\u2029' or '\uFEFF' || char.IsSurrogate(c) || c == '\n';
}
