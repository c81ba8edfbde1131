using System.Text;

namespace Orchestrator.Hocon;

/// <summary>Joins values written side by side: strings with their inner whitespace, lists end to end, objects merged.</summary>
internal static class ConcatenationBuilder
{
    /// <summary>Builds a field value from parsed pieces, deferring to resolution when a substitution is among them.</summary>
    public static HoconValue Build(IReadOnlyList<ValuePiece> pieces)
    {
        if (pieces.Count == 1)
        {
            var piece = pieces[0];
            return piece.IsUnquoted ? HoconScalar.FromUnquoted(((HoconScalar)piece.Value).Text, piece.Value.Origin) : piece.Value;
        }

        if (pieces.Any(piece => piece.Value is HoconSubstitution))
        {
            return new HoconConcatenation([.. pieces.Select(piece => piece.Value)], pieces[0].Value.Origin);
        }

        return Join(pieces, pieces[0].Value.Origin)!;
    }

    /// <summary>Joins pieces whose structure is known; separators only matter between strings.</summary>
    /// <returns>Null when there is nothing but whitespace left to join.</returns>
    public static HoconValue? Join(IReadOnlyList<ValuePiece> pieces, ConfigOrigin origin)
    {
        var values = pieces.Where(piece => piece.Value is not HoconScalar { IsSeparator: true }).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var first = values[0];
        var mismatch = values.FirstOrDefault(piece => Category(piece.Value) != Category(first.Value));
        if (mismatch.Value is not null)
        {
            throw new ConfigException(mismatch.At,
                $"cannot concatenate {Category(first.Value)} with {Category(mismatch.Value)}; quote the text or put the values on separate lines");
        }

        if (values.Count == 1 && pieces.Count == 1)
        {
            return first.Value;
        }

        return first.Value switch
        {
            HoconObject => values.Select(piece => (HoconObject)piece.Value).Aggregate(ValueMerger.MergeObjects),
            HoconArray => new HoconArray([.. values.SelectMany(piece => ((HoconArray)piece.Value).Items)], first.Value.Origin),
            _ => HoconScalar.String(JoinText(pieces), origin),
        };
    }

    private static string JoinText(IReadOnlyList<ValuePiece> pieces)
    {
        var builder = new StringBuilder();
        foreach (var piece in pieces)
        {
            builder.Append(((HoconScalar)piece.Value).Text);
        }

        return builder.ToString();
    }

    private static string Category(HoconValue value) => value switch
    {
        HoconObject => "an object",
        HoconArray => "a list",
        _ => "a string",
    };
}
