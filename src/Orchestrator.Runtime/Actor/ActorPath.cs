using System.Text;

namespace Orchestrator.Runtime;

/// <summary>
/// The name of an actor: its system's address and the chain of names from the root guardian,
/// e.g. <c>orch://cluster/user/scheduler</c>. A child path also carries the incarnation's
/// <see cref="Uid"/> so that a new actor under an old name is a different actor.
/// </summary>
public abstract class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    /// <summary>The address of the system that hosts the actor.</summary>
    public abstract Address Address { get; }

    /// <summary>The last element of the path.</summary>
    public abstract string Name { get; }

    /// <summary>The parent path; the root is its own parent.</summary>
    public abstract ActorPath Parent { get; }

    /// <summary>The root of this path.</summary>
    public abstract RootActorPath Root { get; }

    /// <summary>The incarnation id; 0 means "any incarnation" (for look-ups by name).</summary>
    public abstract long Uid { get; }

    /// <summary>Number of elements below the root.</summary>
    public abstract int Depth { get; }

    /// <summary>The child path <paramref name="name"/> below <paramref name="path"/>.</summary>
    public static ActorPath operator /(ActorPath path, string name) => new ChildActorPath(path, name, 0);

    /// <summary>The element names below the root, outermost first.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var names = new string[Depth];
            ActorPath p = this;
            for (var i = names.Length - 1; i >= 0; i--, p = p.Parent) names[i] = p.Name;
            return names;
        }
    }

    /// <summary>The path without address, e.g. <c>/user/a/b</c>.</summary>
    public string ToStringWithoutAddress()
    {
        if (Depth == 0) return "/";
        var sb = new StringBuilder();
        AppendElements(sb, this);
        return sb.ToString();
    }

    /// <summary>The full path with the incarnation id, as sent over the wire: <c>orch://sys/user/a#42</c>.</summary>
    public string ToSerializationFormat() => Uid == 0 ? ToString() : $"{this}#{Uid}";

    /// <summary>The same path with another address (used when remoting publishes local refs).</summary>
    public ActorPath WithAddress(Address address)
    {
        if (Depth == 0) return new RootActorPath(address);
        return new ChildActorPath(Parent.WithAddress(address), Name, Uid);
    }

    /// <summary>The same path with another incarnation id.</summary>
    public ActorPath WithUid(long uid) => Depth == 0 ? this : new ChildActorPath(Parent, Name, uid);

    private static void AppendElements(StringBuilder sb, ActorPath path)
    {
        if (path.Depth == 0) return;
        AppendElements(sb, path.Parent);
        sb.Append('/').Append(path.Name);
    }

    /// <inheritdoc />
    public override string ToString() => Address + ToStringWithoutAddress();

    /// <summary>
    /// Parses <c>orch://sys/user/a</c>, <c>orch.tcp://sys@host:1/user/a#12</c>.
    /// Returns false for relative paths or a malformed address.
    /// </summary>
    public static bool TryParse(string text, out ActorPath? path)
    {
        path = null;
        var sep = text.IndexOf("://", StringComparison.Ordinal);
        if (sep <= 0) return false;
        var slash = text.IndexOf('/', sep + 3);
        var addressText = slash < 0 ? text : text[..slash];
        if (!Address.TryParse(addressText, out var address)) return false;
        ActorPath current = new RootActorPath(address!);
        if (slash < 0) { path = current; return true; }
        var rest = text[(slash + 1)..];
        long uid = 0;
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            if (!long.TryParse(rest[(hash + 1)..], out uid)) return false;
            rest = rest[..hash];
        }
        var parts = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
            current = new ChildActorPath(current, parts[i], i == parts.Length - 1 ? uid : 0);
        path = current;
        return true;
    }

    /// <summary>Equal when address and names match; uids are compared only when both are known.</summary>
    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other.Depth != Depth) return false;
        if (Uid != 0 && other.Uid != 0 && Uid != other.Uid) return false;
        ActorPath a = this, b = other;
        while (a.Depth > 0)
        {
            if (!string.Equals(a.Name, b.Name, StringComparison.Ordinal)) return false;
            a = a.Parent;
            b = b.Parent;
        }
        return a.Address.Equals(b.Address);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorPath p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (ActorPath p = this; p.Depth > 0; p = p.Parent) hash.Add(p.Name);
        hash.Add(Root.Address);
        return hash.ToHashCode();
    }

    /// <summary>Orders by the printed path, then (when both are known, as <see cref="Equals(ActorPath?)"/> does) by uid.</summary>
    public int CompareTo(ActorPath? other)
    {
        var byText = string.CompareOrdinal(ToString(), other?.ToString());
        if (byText != 0 || other is null || Uid == 0 || other.Uid == 0) return byText;
        return Uid.CompareTo(other.Uid);
    }
}

/// <summary>The root of an actor system's path tree, written <c>orch://system/</c>.</summary>
public sealed class RootActorPath(Address address) : ActorPath
{
    /// <inheritdoc />
    public override Address Address { get; } = address;
    /// <inheritdoc />
    public override string Name => "/";
    /// <inheritdoc />
    public override ActorPath Parent => this;
    /// <inheritdoc />
    public override RootActorPath Root => this;
    /// <inheritdoc />
    public override long Uid => 0;
    /// <inheritdoc />
    public override int Depth => 0;
}

/// <summary>A path element below the root; kept small because there is one per actor.</summary>
public sealed class ChildActorPath : ActorPath
{
    private readonly ActorPath _parent;
    private readonly string _name;
    private readonly long _uid;

    /// <summary>Creates the path <paramref name="name"/> below <paramref name="parent"/>.</summary>
    public ChildActorPath(ActorPath parent, string name, long uid)
    {
        _parent = parent;
        _name = name;
        _uid = uid;
    }

    /// <inheritdoc />
    public override Address Address => Root.Address;
    /// <inheritdoc />
    public override string Name => _name;
    /// <inheritdoc />
    public override ActorPath Parent => _parent;
    /// <inheritdoc />
    public override RootActorPath Root
    {
        get
        {
            var p = _parent;
            while (p.Depth > 0) p = p.Parent;
            return (RootActorPath)p;
        }
    }
    /// <inheritdoc />
    public override long Uid => _uid;
    /// <inheritdoc />
    public override int Depth => _parent.Depth + 1;
}
