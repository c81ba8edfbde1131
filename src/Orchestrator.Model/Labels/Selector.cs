using System.Diagnostics.CodeAnalysis;
using Orchestrator.Model.Meta;

namespace Orchestrator.Model.Labels;

/// <summary>
/// A parsed label selector: requirements that must all hold. The empty selector matches everything;
/// <see cref="Nothing"/> matches nothing (what a null LabelSelector means). Requirements are kept sorted by
/// key, then operator, then values, so equal selectors compare and print equal.
/// </summary>
public sealed class Selector : IEquatable<Selector>
{
    private readonly bool _matchesNothing;

    private Selector(IEnumerable<Requirement> requirements, bool matchesNothing)
    {
        Requirements = requirements
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .ThenBy(r => r.Operator)
            .ThenBy(r => string.Join(",", r.Values), StringComparer.Ordinal)
            .ToList();
        _matchesNothing = matchesNothing;
    }

    /// <summary>Matches every label set.</summary>
    public static Selector Everything { get; } = new([], false);

    /// <summary>Matches no label set.</summary>
    public static Selector Nothing { get; } = new([], true);

    /// <summary>The requirements, ANDed.</summary>
    public IReadOnlyList<Requirement> Requirements { get; }

    /// <summary>True for the selector that matches everything.</summary>
    public bool IsEmpty => Requirements.Count == 0 && !_matchesNothing;

    /// <summary>A selector of the given requirements.</summary>
    public static Selector Of(IEnumerable<Requirement> requirements) => new(requirements, false);

    /// <summary>A selector requiring each pair (<c>key=value</c>) of the set.</summary>
    public static Selector FromSet(IReadOnlyDictionary<string, string> labels) =>
        new(labels.Select(kv => Requirement.Create(kv.Key, SelectorOperator.Equals, [kv.Value])), false);

    /// <summary>Parses the selector language, e.g. <c>app=web,tier in (fe,be),!canary</c>; throws <see cref="SelectorParseException"/>.</summary>
    public static Selector Parse(string text) => new(SelectorParser.Parse(text), false);

    /// <summary>Parses without throwing.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out Selector? selector, [NotNullWhen(false)] out SelectorParseException? error)
    {
        try
        {
            selector = Parse(text);
            error = null;
            return true;
        }
        catch (SelectorParseException ex)
        {
            selector = null;
            error = ex;
            return false;
        }
    }

    /// <summary>
    /// Converts an API LabelSelector: matchLabels become <c>=</c> requirements, matchExpressions In/NotIn/Exists/DoesNotExist.
    /// A null selector matches nothing; an empty one matches everything. Throws <see cref="ArgumentException"/> when invalid.
    /// </summary>
    public static Selector FromLabelSelector(LabelSelector? selector)
    {
        if (selector is null)
        {
            return Nothing;
        }

        var requirements = new List<Requirement>();
        foreach (var (key, value) in selector.MatchLabels ?? [])
        {
            requirements.Add(Requirement.Create(key, SelectorOperator.Equals, [value]));
        }

        foreach (var expression in selector.MatchExpressions ?? [])
        {
            var op = expression.Operator switch
            {
                LabelSelectorOperator.In => SelectorOperator.In,
                LabelSelectorOperator.NotIn => SelectorOperator.NotIn,
                LabelSelectorOperator.Exists => SelectorOperator.Exists,
                LabelSelectorOperator.DoesNotExist => SelectorOperator.DoesNotExist,
                _ => throw new ArgumentException($"\"{expression.Operator}\" is not a valid label selector operator"),
            };
            requirements.Add(Requirement.Create(expression.Key, op, expression.Values));
        }

        return new Selector(requirements, false);
    }

    /// <summary>
    /// Converts to an API LabelSelector: <c>=</c>/<c>==</c> become matchLabels (or In when a key repeats),
    /// the rest matchExpressions. Gt and Lt cannot be expressed and throw <see cref="InvalidOperationException"/>.
    /// </summary>
    public LabelSelector? ToLabelSelector()
    {
        if (_matchesNothing)
        {
            return null;
        }

        var result = new LabelSelector();
        foreach (var requirement in Requirements)
        {
            var isEquality = requirement.Operator is SelectorOperator.Equals or SelectorOperator.DoubleEquals;
            if (isEquality && (result.MatchLabels is null || !result.MatchLabels.ContainsKey(requirement.Key)))
            {
                (result.MatchLabels ??= [])[requirement.Key] = requirement.Values[0];
                continue;
            }

            var (op, values) = requirement.Operator switch
            {
                SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.In => (LabelSelectorOperator.In, requirement.Values),
                SelectorOperator.NotEquals or SelectorOperator.NotIn => (LabelSelectorOperator.NotIn, requirement.Values),
                SelectorOperator.Exists => (LabelSelectorOperator.Exists, (IReadOnlyList<string>?)null),
                SelectorOperator.DoesNotExist => (LabelSelectorOperator.DoesNotExist, null),
                _ => throw new InvalidOperationException($"'{requirement}' cannot be expressed as a LabelSelector"),
            };
            (result.MatchExpressions ??= []).Add(new LabelSelectorRequirement
            {
                Key = requirement.Key,
                Operator = op,
                Values = values?.ToList(),
            });
        }

        return result;
    }

    /// <summary>True when every requirement holds for the labels.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels) =>
        !_matchesNothing && Requirements.All(r => r.Matches(labels));

    /// <summary>True when every requirement holds for the object's metadata.labels (none counts as an empty set).</summary>
    public bool MatchesLabelsOf(IKubernetesObject obj) =>
        Matches(obj.Metadata.Labels ?? (IReadOnlyDictionary<string, string>)new Dictionary<string, string>());

    /// <summary>The selector in the selector language; requirements joined by ','.</summary>
    public override string ToString() => string.Join(",", Requirements);

    /// <inheritdoc />
    public bool Equals(Selector? other) =>
        other is not null && _matchesNothing == other._matchesNothing && Requirements.SequenceEqual(other.Requirements);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Selector);

    /// <inheritdoc />
    public override int GetHashCode() => Requirements.Aggregate(_matchesNothing ? 1 : 0, (hash, r) => HashCode.Combine(hash, r));
}
