using System.Globalization;
using Orchestrator.Actors.Scheduling.Framework;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Scheduling.Plugins;

/// <summary>
/// A compiled list of node selector terms: the terms are ORed, the requirements of a term ANDed.
/// matchExpressions test node labels with In, NotIn, Exists, DoesNotExist, Gt and Lt (one integer
/// value); matchFields test <c>metadata.name</c> with In and NotIn. A term without requirements, or
/// with an invalid one, matches no node — as the API defines.
/// </summary>
public sealed class NodeSelectorMatcher
{
    private readonly CompiledTerm[] _terms;

    private NodeSelectorMatcher(CompiledTerm[] terms) => _terms = terms;

    /// <summary>The number of terms.</summary>
    public int Count => _terms.Length;

    /// <summary>Compiles <paramref name="terms"/>; preferred terms keep their weights.</summary>
    public static NodeSelectorMatcher Compile(IEnumerable<NodeSelectorTerm> terms) =>
        new(terms.Select(t => CompiledTerm.Of(t, 0)).ToArray());

    /// <summary>Compiles weighted preferred terms.</summary>
    public static NodeSelectorMatcher CompilePreferred(IEnumerable<PreferredSchedulingTerm> terms) =>
        new(terms.Select(t => CompiledTerm.Of(t.Preference, t.Weight)).ToArray());

    /// <summary>True when any term matches <paramref name="node"/>.</summary>
    public bool MatchesAny(NodeInfo node)
    {
        for (var i = 0; i < _terms.Length; i++)
        {
            if (_terms[i].Matches(node)) return true;
        }

        return false;
    }

    /// <summary>The sum of the weights of the terms that match <paramref name="node"/>.</summary>
    public long MatchingWeight(NodeInfo node)
    {
        long sum = 0;
        for (var i = 0; i < _terms.Length; i++)
        {
            if (_terms[i].Matches(node)) sum += _terms[i].Weight;
        }

        return sum;
    }

    private enum Op
    {
        In,
        NotIn,
        Exists,
        DoesNotExist,
        Gt,
        Lt,
    }

    private readonly record struct CompiledRequirement(string Key, Op Op, string[] Values, long Bound, bool Field)
    {
        public bool Matches(NodeInfo node)
        {
            string? value;
            bool present;
            if (Field)
            {
                value = node.Name;
                present = true;
            }
            else present = node.Labels.TryGetValue(Key, out value);

            switch (Op)
            {
                case Op.In: return present && Array.IndexOf(Values, value) >= 0;
                case Op.NotIn: return !present || Array.IndexOf(Values, value) < 0;
                case Op.Exists: return present;
                case Op.DoesNotExist: return !present;
                default:
                    if (!present || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)) return false;
                    return Op == Op.Gt ? actual > Bound : actual < Bound;
            }
        }
    }

    private sealed class CompiledTerm(CompiledRequirement[] requirements, bool valid, int weight)
    {
        public int Weight { get; } = weight;

        public static CompiledTerm Of(NodeSelectorTerm term, int weight)
        {
            var list = new List<CompiledRequirement>();
            var valid = true;
            foreach (var r in term.MatchExpressions ?? []) valid &= TryCompile(r, field: false, list);
            foreach (var r in term.MatchFields ?? []) valid &= TryCompile(r, field: true, list);
            return new CompiledTerm([.. list], valid && list.Count > 0, weight);
        }

        public bool Matches(NodeInfo node)
        {
            if (!valid) return false;
            for (var i = 0; i < requirements.Length; i++)
            {
                if (!requirements[i].Matches(node)) return false;
            }

            return true;
        }

        private static bool TryCompile(NodeSelectorRequirement r, bool field, List<CompiledRequirement> into)
        {
            var values = r.Values?.ToArray() ?? [];
            if (field && (r.Key != "metadata.name" || r.Operator is not ("In" or "NotIn") || values.Length != 1)) return false;
            Op op;
            long bound = 0;
            switch (r.Operator)
            {
                case "In" when values.Length > 0: op = Op.In; break;
                case "NotIn" when values.Length > 0: op = Op.NotIn; break;
                case "Exists" when values.Length == 0: op = Op.Exists; break;
                case "DoesNotExist" when values.Length == 0: op = Op.DoesNotExist; break;
                case "Gt" or "Lt" when values.Length == 1 && long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out bound):
                    op = r.Operator == "Gt" ? Op.Gt : Op.Lt;
                    break;
                default: return false;
            }

            into.Add(new CompiledRequirement(r.Key, op, values, bound, field));
            return true;
        }
    }
}
