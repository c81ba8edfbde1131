namespace Orchestrator.Runtime.Cluster;

/// <summary>
/// One incarnation of a cluster member: its network address plus the uid its actor system drew at start.
/// A process restarted on the same host and port has the same <see cref="Address"/> but another
/// <see cref="Uid"/>, so it is a new member; the old incarnation is downed and removed.
/// </summary>
public sealed record UniqueAddress(Address Address, long Uid) : IComparable<UniqueAddress>
{
    /// <summary>Orders by address (protocol, system, host, port), then by uid.</summary>
    public int CompareTo(UniqueAddress? other)
    {
        if (other is null) return 1;
        var byAddress = AddressOrdering.Instance.Compare(Address, other.Address);
        return byAddress != 0 ? byAddress : Uid.CompareTo(other.Uid);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Address}#{Uid}";
}

/// <summary>The order of addresses the cluster uses for its leader and for ties: protocol, system, host, then port.</summary>
public sealed class AddressOrdering : IComparer<Address>
{
    /// <summary>The one instance.</summary>
    public static readonly AddressOrdering Instance = new();

    private AddressOrdering()
    {
    }

    /// <inheritdoc />
    public int Compare(Address? x, Address? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var c = string.CompareOrdinal(x.Protocol, y.Protocol);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.System, y.System);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.Host, y.Host);
        if (c != 0) return c;
        return Nullable.Compare(x.Port, y.Port);
    }
}
