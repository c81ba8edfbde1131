namespace Orchestrator.Hocon;

/// <summary>A node of the configuration tree, resolved (object, array, scalar) or not (substitution, concatenation, merge stack).</summary>
internal abstract class HoconValue
{
    protected HoconValue(ConfigOrigin origin) => Origin = origin;

    public ConfigOrigin Origin { get; }

    /// <summary>True when the node and everything below it contains no substitution left to resolve.</summary>
    public abstract bool IsResolved { get; }

    /// <summary>Short type name used in error messages.</summary>
    public abstract string TypeName { get; }
}
