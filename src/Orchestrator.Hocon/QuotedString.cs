using System.Globalization;
using System.Text;

namespace Orchestrator.Hocon;

/// <summary>JSON string escape handling shared by the tokenizer and the path-expression parser.</summary>
internal static class QuotedString
{
    /// <summary>Index of the quote closing the string opened at <paramref name="openIndex"/>, or -1.</summary>
    public static int FindEnd(string text, int openIndex)
    {
        for (var i = openIndex + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }

        return -1;
    }

    public static string Unescape(string content, ConfigOrigin origin)
    {
        if (!content.Contains('\\'))
        {
            return content;
        }

        var builder = new StringBuilder(content.Length);
        var i = 0;
        while (i < content.Length)
        {
            if (content[i] != '\\')
            {
                builder.Append(content[i++]);
                continue;
            }

            var decoded = DecodeEscape(content, i, out var length)
                ?? throw new ConfigException(origin, $"invalid escape sequence '{content.Substring(i, Math.Min(2, content.Length - i))}' in quoted string");
            builder.Append(decoded);
            i += length;
        }

        return builder.ToString();
    }

    /// <summary>Decodes the escape starting at the backslash at <paramref name="index"/>; null when it is not a JSON escape.</summary>
    public static char? DecodeEscape(string text, int index, out int length)
    {
        length = 2;
        if (index + 1 >= text.Length)
        {
            return null;
        }

        switch (text[index + 1])
        {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                length = 6;
                if (index + 6 <= text.Length
                    && int.TryParse(text.AsSpan(index + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    return (char)code;
                }

                return null;
            default:
                return null;
        }
    }
}
