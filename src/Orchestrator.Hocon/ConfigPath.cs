using System.Text;

namespace Orchestrator.Hocon;

/// <summary>An immutable sequence of keys addressing a value from the root object.</summary>
internal sealed class ConfigPath : IEquatable<ConfigPath>
{
    private readonly string[] _segments;

    private ConfigPath(string[] segments) => _segments = segments;

    public static ConfigPath Root { get; } = new([]);

    public int Count => _segments.Length;

    public string this[int index] => _segments[index];

    public IReadOnlyList<string> Segments => _segments;

    public bool IsRoot => _segments.Length == 0;

    public static ConfigPath Of(params string[] segments) => segments.Length == 0 ? Root : new((string[])segments.Clone());

    /// <summary>Parses a path expression such as <c>a.b."c.d"</c>; errors are reported at <paramref name="origin"/>.</summary>
    public static ConfigPath Parse(string expression, ConfigOrigin origin)
    {
        if (IsPlainDotted(expression))
        {
            return new ConfigPath(expression.Split('.'));
        }

        return new ConfigPath(ParseExpression(expression, origin));
    }

    public ConfigPath Append(string segment)
    {
        var segments = new string[_segments.Length + 1];
        _segments.CopyTo(segments, 0);
        segments[^1] = segment;
        return new ConfigPath(segments);
    }

    public ConfigPath Concat(ConfigPath other)
    {
        if (other.IsRoot)
        {
            return this;
        }

        if (IsRoot)
        {
            return other;
        }

        return new ConfigPath([.. _segments, .. other._segments]);
    }

    public ConfigPath Take(int count) => count == _segments.Length ? this : new ConfigPath(_segments[..count]);

    public ConfigPath Skip(int count) => count == 0 ? this : new ConfigPath(_segments[count..]);

    public bool StartsWith(ConfigPath prefix)
    {
        if (prefix._segments.Length > _segments.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix._segments.Length; i++)
        {
            if (!string.Equals(prefix._segments[i], _segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(ConfigPath? other) =>
        other is not null && other._segments.Length == _segments.Length && StartsWith(other);

    public override bool Equals(object? obj) => Equals(obj as ConfigPath);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var segment in _segments)
        {
            hash.Add(segment, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    /// <summary>Renders the path so that <see cref="Parse"/> reads it back, quoting keys that need it.</summary>
    public override string ToString() => string.Join('.', _segments.Select(RenderSegment));

    public static string RenderSegment(string segment) =>
        HoconChars.CanBeUnquoted(segment) && !segment.Contains('.') ? segment : HoconChars.Quote(segment);

    private static bool IsPlainDotted(string expression)
    {
        if (expression.Length == 0 || expression[0] == '.' || expression[^1] == '.')
        {
            return false;
        }

        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (c == '.' ? expression[i - 1] == '.' : c == '\n' || HoconChars.IsWhitespace(c) || HoconChars.IsForbiddenInUnquoted(c))
            {
                return false;
            }
        }

        return !expression.Contains("//", StringComparison.Ordinal);
    }

    private static string[] ParseExpression(string expression, ConfigOrigin origin)
    {
        var segments = new List<string>();
        var current = new StringBuilder();
        var started = false;
        var pendingWhitespace = new StringBuilder();
        var text = expression.Trim();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                var end = QuotedString.FindEnd(text, i);
                if (end < 0)
                {
                    throw new ConfigException(origin, $"unterminated quoted key in path '{expression}'");
                }

                FlushWhitespace(current, pendingWhitespace, started);
                current.Append(QuotedString.Unescape(text.Substring(i + 1, end - i - 1), origin));
                started = true;
                i = end + 1;
            }
            else if (c == '.')
            {
                if (!started)
                {
                    throw new ConfigException(origin, $"path '{expression}' has an empty key; quote it (\"\") if it is intended");
                }

                segments.Add(current.ToString());
                current.Clear();
                pendingWhitespace.Clear();
                started = false;
                i++;
            }
            else if (HoconChars.IsWhitespace(c))
            {
                pendingWhitespace.Append(c);
                i++;
            }
            else if (c == '\n' || HoconChars.IsForbiddenInUnquoted(c))
            {
                throw new ConfigException(origin, $"path '{expression}' contains '{c}', which must be inside quotes");
            }
            else
            {
                FlushWhitespace(current, pendingWhitespace, started);
                current.Append(c);
                started = true;
                i++;
            }
        }

        if (!started)
        {
            throw new ConfigException(origin, expression.Trim().Length == 0
                ? "path is empty"
                : $"path '{expression}' has an empty key; quote it (\"\") if it is intended");
        }

        segments.Add(current.ToString());
        return [.. segments];
    }

    private static void FlushWhitespace(StringBuilder current, StringBuilder pending, bool started)
    {
        // Whitespace only counts inside a key ("a b" is one key); leading whitespace after a dot is dropped.
        if (started)
        {
            current.Append(pending);
        }

        pending.Clear();
    }
}
