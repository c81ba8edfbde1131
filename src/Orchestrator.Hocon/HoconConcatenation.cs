namespace Orchestrator.Hocon;

/// <summary>Values written side by side on one line with at least one substitution among them; joined once resolved.</summary>
internal sealed class HoconConcatenation : HoconValue
{
    public HoconConcatenation(IReadOnlyList<HoconValue> parts, ConfigOrigin origin)
        : base(origin) => Parts = parts;

    /// <summary>The pieces in order, including whitespace separators between simple values.</summary>
    public IReadOnlyList<HoconValue> Parts { get; }

    public override bool IsResolved => false;

    public override string TypeName => "concatenation";
}
