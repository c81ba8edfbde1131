namespace Orchestrator.Hocon;

/// <summary>An ordered list of values.</summary>
internal sealed class HoconArray : HoconValue
{
    private readonly bool _isResolved;

    public HoconArray(IReadOnlyList<HoconValue> items, ConfigOrigin origin)
        : base(origin)
    {
        Items = items;
        _isResolved = items.All(item => item.IsResolved);
    }

    public IReadOnlyList<HoconValue> Items { get; }

    public override bool IsResolved => _isResolved;

    public override string TypeName => "list";
}
