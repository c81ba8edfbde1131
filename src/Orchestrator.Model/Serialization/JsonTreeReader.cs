using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orchestrator.Model.Serialization;

/// <summary>Reads a stream of one or more concatenated JSON values into trees, noting duplicate keys.</summary>
internal static class JsonTreeReader
{
    public static bool LooksLikeJson(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                return c is '{' or '[';
            }
        }

        return false;
    }

    public static List<RawDocument> Read(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            AllowMultipleValues = true,
            CommentHandling = JsonCommentHandling.Skip,
            MaxDepth = 256,
        });
        var documents = new List<RawDocument>();
        try
        {
            while (reader.Read())
            {
                var line = LineOf(bytes, (int)reader.TokenStartIndex);
                using var document = JsonDocument.ParseValue(ref reader);
                var duplicates = new List<string>();
                var root = Convert(document.RootElement, string.Empty, duplicates);
                documents.Add(new RawDocument(documents.Count, line, root, duplicates));
            }
        }
        catch (JsonException ex)
        {
            throw new StreamSyntaxException(
                documents.Count,
                $"json: line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: {StripPosition(ex.Message)}",
                ex);
        }

        return documents;
    }

    private static string StripPosition(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return at < 0 ? message : message[..at].TrimEnd(' ', '|');
    }

    private static int LineOf(byte[] bytes, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    private static JsonNode? Convert(JsonElement element, string path, List<string> duplicates)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    var childPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                    if (obj.ContainsKey(property.Name))
                    {
                        duplicates.Add(childPath);
                        obj.Remove(property.Name);
                    }

                    obj[property.Name] = Convert(property.Value, childPath, duplicates);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(Convert(item, $"{path}[{array.Count}]", duplicates));
                }

                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }
}
