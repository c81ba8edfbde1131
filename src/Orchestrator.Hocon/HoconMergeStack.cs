namespace Orchestrator.Hocon;

/// <summary>
/// Successive definitions of one field that cannot be merged before substitutions are resolved;
/// layers are ordered from the earliest (lowest priority) to the latest.
/// </summary>
internal sealed class HoconMergeStack : HoconValue
{
    private HoconMergeStack(IReadOnlyList<HoconValue> layers)
        : base(layers[^1].Origin) => Layers = layers;

    public IReadOnlyList<HoconValue> Layers { get; }

    public override bool IsResolved => false;

    public override string TypeName => "merge of unresolved values";

    public static HoconMergeStack Of(HoconValue older, HoconValue newer)
    {
        var layers = new List<HoconValue>();
        AddFlattened(layers, older);
        AddFlattened(layers, newer);
        return new HoconMergeStack(layers);
    }

    private static void AddFlattened(List<HoconValue> layers, HoconValue value)
    {
        if (value is HoconMergeStack stack)
        {
            layers.AddRange(stack.Layers);
        }
        else
        {
            layers.Add(value);
        }
    }
}
