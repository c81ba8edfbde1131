using System.Globalization;

namespace Orchestrator.Hocon;

/// <summary>Character classes from the HOCON spec shared by the tokenizer, path parser and renderer.</summary>
internal static class HoconChars
{
    // The spec reserves these so that unquoted text stays unambiguous and future syntax has room.
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";

    public static bool IsWhitespace(char c)
    {
        if (c == '\n')
        {
            return false;
        }

        if (c is '\t' or '\v' or '\f' or '\r' or '\uFEFF' || (c >= '\u001C' && c <= '\u001F'))
        {
            return true;
        }

        return CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
    }

    public static bool IsForbiddenInUnquoted(char c) => Forbidden.Contains(c);

    public static bool CanBeUnquoted(string text)
    {
        if (text.Length == 0 || text.Contains("//", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c == '\n' || IsWhitespace(c) || IsForbiddenInUnquoted(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes a JSON-style quoted string, escaping what the tokenizer would otherwise reject.</summary>
    public static string Quote(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
