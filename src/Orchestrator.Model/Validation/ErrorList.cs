using Orchestrator.Model.Labels;
using Orchestrator.Model.Meta;

namespace Orchestrator.Model.Validation;

/// <summary>Collects field errors, with the checks every validator shares.</summary>
internal sealed class ErrorList : List<FieldError>
{
    public void Required(FieldPath path, string detail = "") => Add(FieldError.Required(path, detail));

    public void Invalid(FieldPath path, object? value, string detail) => Add(FieldError.Invalid(path, value, detail));

    public void NotSupported(FieldPath path, object? value, params string[] supported) => Add(FieldError.NotSupported(path, value, supported));

    public void Forbidden(FieldPath path, string detail) => Add(FieldError.Forbidden(path, detail));

    public void Duplicate(FieldPath path, object? value) => Add(FieldError.Duplicate(path, value));

    /// <summary>Each message of a name rule as an Invalid error on the value.</summary>
    public void Rule(FieldPath path, string value, IReadOnlyList<string> problems)
    {
        foreach (var problem in problems)
        {
            Invalid(path, value, problem);
        }
    }

    public void NonNegative(FieldPath path, long? value)
    {
        if (value < 0)
        {
            Invalid(path, value.Value, "must be greater than or equal to 0");
        }
    }

    public void Positive(FieldPath path, long? value)
    {
        if (value <= 0)
        {
            Invalid(path, value.Value, "must be greater than zero");
        }
    }

    public void OneOf(FieldPath path, string? value, bool required, params string[] supported)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                Add(FieldError.Required(path, string.Empty));
            }

            return;
        }

        if (!supported.Contains(value, StringComparer.Ordinal))
        {
            NotSupported(path, value, supported);
        }
    }

    public void Port(FieldPath path, long port)
    {
        foreach (var problem in NameRules.PortNumber(port))
        {
            Invalid(path, port, problem);
        }
    }

    /// <summary>Label keys and values (metadata.labels, nodeSelector, service selectors).</summary>
    public void Labels(FieldPath path, IReadOnlyDictionary<string, string>? labels)
    {
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            Rule(path, key, NameRules.QualifiedName(key));
            Rule(path.Key(key), value, NameRules.LabelValue(value));
        }
    }

    /// <summary>A LabelSelector's syntax: keys, operators and values.</summary>
    public void LabelSelector(FieldPath path, LabelSelector? selector)
    {
        if (selector is null)
        {
            return;
        }

        Labels(path.Child("matchLabels"), selector.MatchLabels);
        var expressions = selector.MatchExpressions ?? [];
        for (var i = 0; i < expressions.Count; i++)
        {
            var expression = expressions[i];
            var at = path.Child("matchExpressions").Index(i);
            Rule(at.Child("key"), expression.Key, NameRules.QualifiedName(expression.Key));
            var values = expression.Values ?? [];
            switch (expression.Operator)
            {
                case LabelSelectorOperator.In or LabelSelectorOperator.NotIn:
                    if (values.Count == 0)
                    {
                        Required(at.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
                    }

                    break;
                case LabelSelectorOperator.Exists or LabelSelectorOperator.DoesNotExist:
                    if (values.Count > 0)
                    {
                        Forbidden(at.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                    }

                    break;
                default:
                    NotSupported(at.Child("operator"), expression.Operator, LabelSelectorOperator.In, LabelSelectorOperator.NotIn, LabelSelectorOperator.Exists, LabelSelectorOperator.DoesNotExist);
                    break;
            }

            for (var j = 0; j < values.Count; j++)
            {
                Rule(at.Child("values").Index(j), values[j], NameRules.LabelValue(values[j]));
            }
        }
    }

    /// <summary>Converts a selector for matching, or null when its syntax is invalid (already reported).</summary>
    public static Selector? TryConvert(LabelSelector? selector)
    {
        try
        {
            return Selector.FromLabelSelector(selector);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
