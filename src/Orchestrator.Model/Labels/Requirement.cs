using System.Globalization;
using Orchestrator.Model.Validation;

namespace Orchestrator.Model.Labels;

/// <summary>One requirement of a label selector: a key, an operator and a (sorted, distinct) set of values.</summary>
public sealed class Requirement : IEquatable<Requirement>
{
    private Requirement(string key, SelectorOperator op, IReadOnlyList<string> values)
    {
        Key = key;
        Operator = op;
        Values = values;
    }

    /// <summary>The label key.</summary>
    public string Key { get; }

    /// <summary>The operator.</summary>
    public SelectorOperator Operator { get; }

    /// <summary>The values, sorted ordinally and without duplicates.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Builds a requirement, checking the key, the values and their count against the operator.</summary>
    public static Requirement Create(string key, SelectorOperator op, IEnumerable<string>? values = null)
    {
        var problems = Problems(key, op, values?.ToList() ?? [], out var sorted);
        return problems.Count == 0 ? new Requirement(key, op, sorted) : throw new ArgumentException(problems[0]);
    }

    /// <summary>What is wrong with a would-be requirement (empty when valid); the values come back sorted and distinct.</summary>
    internal static List<string> Problems(string key, SelectorOperator op, List<string> values, out IReadOnlyList<string> sorted)
    {
        var problems = NameRules.QualifiedName(key).Select(e => $"key: Invalid value: \"{key}\": {e}").ToList();
        sorted = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        switch (op)
        {
            case SelectorOperator.In or SelectorOperator.NotIn when values.Count == 0:
                problems.Add("values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty");
                break;
            case SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.NotEquals when values.Count != 1:
                problems.Add("values: Invalid value: exact-match compatibility requires one single value");
                break;
            case SelectorOperator.Exists or SelectorOperator.DoesNotExist when values.Count != 0:
                problems.Add("values: Invalid value: values set must be empty for exists and does not exist");
                break;
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan when values.Count != 1:
                problems.Add("values: Invalid value: for 'Gt', 'Lt' operators, exactly one value is required");
                break;
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan when !long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _):
                problems.Add($"values[0]: Invalid value: \"{values[0]}\": for 'Gt', 'Lt' operators, the value must be an integer");
                break;
        }

        if (op is not (SelectorOperator.GreaterThan or SelectorOperator.LessThan))
        {
            for (var i = 0; i < values.Count; i++)
            {
                problems.AddRange(NameRules.LabelValue(values[i]).Select(e => $"values[{i}][{key}]: Invalid value: \"{values[i]}\": {e}"));
            }
        }

        return problems;
    }

    /// <summary>True when the labels satisfy this requirement.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var present = labels.TryGetValue(Key, out var value);
        switch (Operator)
        {
            case SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.In:
                return present && Values.Contains(value!, StringComparer.Ordinal);
            case SelectorOperator.NotEquals or SelectorOperator.NotIn:
                return !present || !Values.Contains(value!, StringComparer.Ordinal);
            case SelectorOperator.Exists:
                return present;
            case SelectorOperator.DoesNotExist:
                return !present;
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan:
                if (!present || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual))
                {
                    return false;
                }

                var bound = long.Parse(Values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                return Operator == SelectorOperator.GreaterThan ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    /// <summary>The requirement in the selector language, e.g. <c>tier in (be,fe)</c>, <c>!canary</c>.</summary>
    public override string ToString() => Operator switch
    {
        SelectorOperator.Equals => $"{Key}={Values[0]}",
        SelectorOperator.DoubleEquals => $"{Key}=={Values[0]}",
        SelectorOperator.NotEquals => $"{Key}!={Values[0]}",
        SelectorOperator.In => $"{Key} in ({string.Join(",", Values)})",
        SelectorOperator.NotIn => $"{Key} notin ({string.Join(",", Values)})",
        SelectorOperator.Exists => Key,
        SelectorOperator.DoesNotExist => "!" + Key,
        SelectorOperator.GreaterThan => $"{Key}>{Values[0]}",
        SelectorOperator.LessThan => $"{Key}<{Values[0]}",
        _ => Key,
    };

    /// <inheritdoc />
    public bool Equals(Requirement? other) =>
        other is not null && Key == other.Key && Operator == other.Operator && Values.SequenceEqual(other.Values, StringComparer.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Requirement);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Key, StringComparer.Ordinal);
        hash.Add(Operator);
        foreach (var value in Values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
