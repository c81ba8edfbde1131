using System.Text;

namespace Orchestrator.Model.Labels;

/// <summary>
/// A field selector such as <c>metadata.name=web,status.phase!=Running</c>: terms joined by ',', each
/// <c>field=value</c>, <c>field==value</c> or <c>field!=value</c>. A backslash escapes ',', '=', '!' and '\' in values.
/// A field that is absent has the value "" when matching, as in Kubernetes.
/// </summary>
public sealed class FieldSelector : IEquatable<FieldSelector>
{
    private FieldSelector(IReadOnlyList<FieldRequirement> terms)
    {
        Terms = terms;
    }

    /// <summary>Matches every object.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The terms, ANDed, in the order written.</summary>
    public IReadOnlyList<FieldRequirement> Terms { get; }

    /// <summary>Parses a field selector; throws <see cref="SelectorParseException"/> with the position of the problem.</summary>
    public static FieldSelector Parse(string text)
    {
        var terms = new List<FieldRequirement>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var termStart = 0;
        var i = 0;
        while (i <= text.Length)
        {
            if (i == text.Length || (text[i] == ',' && !IsEscaped(text, i)))
            {
                terms.Add(ParseTerm(text, termStart, i));
                termStart = i + 1;
            }

            i++;
        }

        return new FieldSelector(terms);
    }

    /// <summary>True when every term holds for the object's fields.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> fields) => Terms.All(t => t.Matches(fields));

    /// <inheritdoc />
    public override string ToString() => string.Join(",", Terms);

    /// <inheritdoc />
    public bool Equals(FieldSelector? other) => other is not null && Terms.SequenceEqual(other.Terms);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FieldSelector);

    /// <inheritdoc />
    public override int GetHashCode() => Terms.Aggregate(0, (hash, t) => HashCode.Combine(hash, t));

    private static bool IsEscaped(string text, int index)
    {
        var backslashes = 0;
        for (var j = index - 1; j >= 0 && text[j] == '\\'; j--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    private static FieldRequirement ParseTerm(string text, int start, int end)
    {
        var term = text[start..end];
        for (var i = 0; i < term.Length; i++)
        {
            if (IsEscaped(term, i))
            {
                continue;
            }

            var (op, length) = term[i] switch
            {
                '!' when i + 1 < term.Length && term[i + 1] == '=' => (FieldOperator.NotEquals, 2),
                '=' when i + 1 < term.Length && term[i + 1] == '=' => (FieldOperator.DoubleEquals, 2),
                '=' => (FieldOperator.Equals, 1),
                _ => ((FieldOperator?)null, 0),
            };
            if (op is null)
            {
                continue;
            }

            var field = term[..i].Trim();
            if (field.Length == 0)
            {
                throw new SelectorParseException(text, start + i, "found an operator, expected: field name");
            }

            return new FieldRequirement(field, op.Value, Unescape(term[(i + length)..], text, start + i + length));
        }

        throw new SelectorParseException(text, start, $"invalid field selector term \"{term}\": expected '=', '==' or '!='");
    }

    private static string Unescape(string value, string text, int offset)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\')
            {
                if (i + 1 >= value.Length || value[i + 1] is not (',' or '=' or '!' or '\\'))
                {
                    throw new SelectorParseException(text, offset + i, "invalid escape sequence: only \\, \\= \\! and \\\\ are allowed");
                }

                i++;
            }
            else if (value[i] is '=' or ',')
            {
                throw new SelectorParseException(text, offset + i, $"found '{value[i]}' in a value, it must be escaped with '\\'");
            }

            builder.Append(value[i]);
        }

        return builder.ToString();
    }
}

/// <summary>Operators of field selectors.</summary>
public enum FieldOperator
{
    /// <summary><c>field=value</c>.</summary>
    Equals,

    /// <summary><c>field==value</c>.</summary>
    DoubleEquals,

    /// <summary><c>field!=value</c>.</summary>
    NotEquals,
}

/// <summary>One term of a field selector.</summary>
/// <param name="Field">Field path, e.g. <c>status.phase</c>.</param>
/// <param name="Operator">The operator.</param>
/// <param name="Value">The unescaped value.</param>
public sealed record FieldRequirement(string Field, FieldOperator Operator, string Value)
{
    /// <summary>True when the term holds; an absent field has the value "".</summary>
    public bool Matches(IReadOnlyDictionary<string, string> fields)
    {
        var actual = fields.TryGetValue(Field, out var value) ? value : string.Empty;
        return Operator == FieldOperator.NotEquals ? actual != Value : actual == Value;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var escaped = Value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal)
            .Replace("=", "\\=", StringComparison.Ordinal)
            .Replace("!", "\\!", StringComparison.Ordinal);
        var op = Operator switch
        {
            FieldOperator.DoubleEquals => "==",
            FieldOperator.NotEquals => "!=",
            _ => "=",
        };
        return Field + op + escaped;
    }
}
