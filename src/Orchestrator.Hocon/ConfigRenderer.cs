using System.Text;

namespace Orchestrator.Hocon;

/// <summary>Writes a resolved tree back as HOCON text, and flattens it into path/value pairs.</summary>
internal static class ConfigRenderer
{
    private const string Indent = "  ";

    // Lists of at most this many simple values stay on one line.
    private const int InlineListLimit = 8;

    public static string Render(HoconObject root)
    {
        if (root.Count == 0)
        {
            return "{}";
        }

        var builder = new StringBuilder();
        WriteFields(builder, root, depth: 0);
        return builder.ToString();
    }

    public static IEnumerable<KeyValuePair<string, string>> Flatten(HoconObject root)
    {
        var result = new List<KeyValuePair<string, string>>();
        Flatten(root, ConfigPath.Root, result);
        return result;
    }

    private static void Flatten(HoconObject obj, ConfigPath path, List<KeyValuePair<string, string>> result)
    {
        foreach (var (key, value) in obj.Fields)
        {
            var childPath = path.Append(key);
            switch (value)
            {
                case HoconObject child:
                    Flatten(child, childPath, result);
                    break;
                case HoconScalar scalar:
                    result.Add(new(childPath.ToString(), scalar.Text));
                    break;
                default:
                    result.Add(new(childPath.ToString(), RenderInline(value)));
                    break;
            }
        }
    }

    private static void WriteFields(StringBuilder builder, HoconObject obj, int depth)
    {
        foreach (var (key, value) in obj.Fields)
        {
            WriteIndent(builder, depth);
            builder.Append(ConfigPath.RenderSegment(key));
            if (value is HoconObject child)
            {
                builder.Append(' ');
                WriteObject(builder, child, depth);
            }
            else
            {
                builder.Append(" = ");
                WriteValue(builder, value, depth);
            }

            builder.Append('\n');
        }
    }

    private static void WriteObject(StringBuilder builder, HoconObject obj, int depth)
    {
        if (obj.Count == 0)
        {
            builder.Append("{}");
            return;
        }

        builder.Append("{\n");
        WriteFields(builder, obj, depth + 1);
        WriteIndent(builder, depth);
        builder.Append('}');
    }

    private static void WriteValue(StringBuilder builder, HoconValue value, int depth)
    {
        switch (value)
        {
            case HoconObject obj:
                WriteObject(builder, obj, depth);
                break;
            case HoconArray array when IsInline(array):
                builder.Append(RenderInline(array));
                break;
            case HoconArray array:
                builder.Append("[\n");
                foreach (var item in array.Items)
                {
                    WriteIndent(builder, depth + 1);
                    WriteValue(builder, item, depth + 1);
                    builder.Append('\n');
                }

                WriteIndent(builder, depth);
                builder.Append(']');
                break;
            case HoconScalar scalar:
                builder.Append(RenderScalar(scalar));
                break;
            default:
                throw new InvalidOperationException($"cannot render unresolved {value.TypeName}");
        }
    }

    private static bool IsInline(HoconArray array) =>
        array.Items.Count <= InlineListLimit && array.Items.All(item => item is HoconScalar);

    private static string RenderInline(HoconValue value) => value switch
    {
        HoconScalar scalar => RenderScalar(scalar),
        HoconArray array => "[" + string.Join(", ", array.Items.Select(RenderInline)) + "]",
        HoconObject obj => "{ " + string.Join(", ", obj.Fields.Select(field => $"{ConfigPath.RenderSegment(field.Key)} = {RenderInline(field.Value)}")) + " }",
        _ => throw new InvalidOperationException($"cannot render unresolved {value.TypeName}"),
    };

    // Strings are always quoted so that "5" or "true" stay strings when the text is parsed again.
    private static string RenderScalar(HoconScalar scalar) =>
        scalar.Kind == ScalarKind.String ? HoconChars.Quote(scalar.Text) : scalar.Text;

    private static void WriteIndent(StringBuilder builder, int depth)
    {
        for (var i = 0; i < depth; i++)
        {
            builder.Append(Indent);
        }
    }
}
