using Orchestrator.Model.Primitives;

namespace Orchestrator.Actors.Scheduling.Framework;

/// <summary>
/// Amounts of the resources the scheduler accounts for, in integer units so a fit check is a few
/// long comparisons: cpu in millicores, memory and ephemeral-storage in bytes, and every other
/// named resource (extended resources such as <c>example.com/gpu</c>, hugepages) as a scalar.
/// </summary>
public sealed class ResourceList
{
    /// <summary>The cpu resource name.</summary>
    public const string Cpu = "cpu";

    /// <summary>The memory resource name.</summary>
    public const string Memory = "memory";

    /// <summary>The ephemeral-storage resource name.</summary>
    public const string EphemeralStorage = "ephemeral-storage";

    /// <summary>The pods resource name (a node's pod capacity).</summary>
    public const string Pods = "pods";

    /// <summary>cpu in millicores.</summary>
    public long MilliCpu { get; set; }

    /// <summary>memory in bytes.</summary>
    public long MemoryBytes { get; set; }

    /// <summary>ephemeral-storage in bytes.</summary>
    public long EphemeralBytes { get; set; }

    /// <summary>Other named resources in their integer unit; null when there are none.</summary>
    public Dictionary<string, long>? Scalars { get; private set; }

    /// <summary>True when every amount is zero.</summary>
    public bool IsZero => MilliCpu == 0 && MemoryBytes == 0 && EphemeralBytes == 0 && (Scalars is null || Scalars.Count == 0);

    /// <summary>The scalar <paramref name="name"/>, 0 when absent.</summary>
    public long Scalar(string name) => Scalars is not null && Scalars.TryGetValue(name, out var value) ? value : 0;

    /// <summary>Adds <paramref name="amount"/> of <paramref name="name"/> (cpu in millicores, others in units); the pods resource is ignored.</summary>
    public void Add(string name, long amount)
    {
        switch (name)
        {
            case Cpu: MilliCpu += amount; break;
            case Memory: MemoryBytes += amount; break;
            case EphemeralStorage: EphemeralBytes += amount; break;
            case Pods: break;
            default:
                Scalars ??= new Dictionary<string, long>(StringComparer.Ordinal);
                Scalars[name] = Scalar(name) + amount;
                break;
        }
    }

    /// <summary>Adds every amount of <paramref name="other"/>.</summary>
    public void Add(ResourceList other)
    {
        MilliCpu += other.MilliCpu;
        MemoryBytes += other.MemoryBytes;
        EphemeralBytes += other.EphemeralBytes;
        if (other.Scalars is null) return;
        foreach (var (name, value) in other.Scalars) Add(name, value);
    }

    /// <summary>Subtracts every amount of <paramref name="other"/>.</summary>
    public void Subtract(ResourceList other)
    {
        MilliCpu -= other.MilliCpu;
        MemoryBytes -= other.MemoryBytes;
        EphemeralBytes -= other.EphemeralBytes;
        if (other.Scalars is null) return;
        foreach (var (name, value) in other.Scalars) Add(name, -value);
    }

    /// <summary>Raises each amount to at least the one in <paramref name="other"/> (the init-container rule).</summary>
    public void Max(ResourceList other)
    {
        MilliCpu = Math.Max(MilliCpu, other.MilliCpu);
        MemoryBytes = Math.Max(MemoryBytes, other.MemoryBytes);
        EphemeralBytes = Math.Max(EphemeralBytes, other.EphemeralBytes);
        if (other.Scalars is null) return;
        foreach (var (name, value) in other.Scalars)
        {
            if (value > Scalar(name)) Add(name, value - Scalar(name));
        }
    }

    /// <summary>A copy.</summary>
    public ResourceList Clone()
    {
        var copy = new ResourceList { MilliCpu = MilliCpu, MemoryBytes = MemoryBytes, EphemeralBytes = EphemeralBytes };
        if (Scalars is not null) copy.Scalars = new Dictionary<string, long>(Scalars, StringComparer.Ordinal);
        return copy;
    }

    /// <summary>Reads an API resource map (cpu in millicores, rounded up as Kubernetes does; other amounts rounded up to whole units).</summary>
    public static ResourceList From(IReadOnlyDictionary<string, Quantity>? quantities)
    {
        var list = new ResourceList();
        if (quantities is null) return list;
        foreach (var (name, quantity) in quantities) list.Add(name, AmountOf(name, quantity));
        return list;
    }

    /// <summary>A quantity of <paramref name="name"/> in this list's unit: millicores for cpu, whole units (rounded up) otherwise.</summary>
    public static long AmountOf(string name, Quantity quantity) => name == Cpu ? quantity.MilliValue : quantity.Value;
}
