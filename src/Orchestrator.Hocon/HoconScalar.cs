using System.Globalization;

namespace Orchestrator.Hocon;

/// <summary>The kinds of simple (non-container) value.</summary>
internal enum ScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}

/// <summary>A string, number, boolean or null, kept as written so numbers concatenate and render unchanged.</summary>
internal sealed class HoconScalar : HoconValue
{
    public HoconScalar(ScalarKind kind, string text, ConfigOrigin origin, bool isSeparator = false)
        : base(origin)
    {
        Kind = kind;
        Text = text;
        IsSeparator = isSeparator;
    }

    public ScalarKind Kind { get; }

    public string Text { get; }

    /// <summary>Whitespace between the pieces of a value concatenation; it only matters when the result is a string.</summary>
    public bool IsSeparator { get; }

    public override bool IsResolved => true;

    public override string TypeName => Kind switch
    {
        ScalarKind.String => "string",
        ScalarKind.Number => "number",
        ScalarKind.Boolean => "boolean",
        _ => "null",
    };

    public static HoconScalar String(string text, ConfigOrigin origin) => new(ScalarKind.String, text, origin);

    public static HoconScalar Whitespace(string text, ConfigOrigin origin) => new(ScalarKind.String, text, origin, isSeparator: true);

    public static HoconScalar Null(ConfigOrigin origin) => new(ScalarKind.Null, "null", origin);

    /// <summary>Classifies a lone unquoted token: JSON literals and numbers keep their type, anything else is a string.</summary>
    public static HoconScalar FromUnquoted(string text, ConfigOrigin origin)
    {
        if (text is "true" or "false")
        {
            return new HoconScalar(ScalarKind.Boolean, text, origin);
        }

        if (text == "null")
        {
            return Null(origin);
        }

        return new HoconScalar(IsJsonNumber(text) ? ScalarKind.Number : ScalarKind.String, text, origin);
    }

    public static bool IsJsonNumber(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        var integerStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i == integerStart)
        {
            return false;
        }

        if (i < text.Length && text[i] == '.')
        {
            var fractionStart = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == fractionStart)
            {
                return false;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            var exponentStart = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == exponentStart)
            {
                return false;
            }
        }

        return i == text.Length && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }
}
