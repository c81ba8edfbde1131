using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model;

namespace Orchestrator.Actors.Store.Entities;

/// <summary>
/// An entity's state: the stored object (null when it does not exist or was removed) and its
/// resourceVersion. The object is never changed in place; every event yields a new one.
/// </summary>
public sealed record ResourceState(IKubernetesObject? Object, long ResourceVersion)
{
    /// <summary>No object yet.</summary>
    public static ResourceState Empty { get; } = new(null, 0);

    /// <summary>True while the object exists (also while it is being deleted).</summary>
    public bool Exists => Object is not null;

    /// <summary>The resourceVersion as clients see it.</summary>
    public string VersionText => ObjectCodec.FormatVersion(ResourceVersion);

    /// <summary>The one transition: the state after <paramref name="e"/>, written at journal ordering <paramref name="resourceVersion"/>.</summary>
    public ResourceState Apply(ResourceEvent e, long resourceVersion) => e switch
    {
        ObjectRemoved => new ResourceState(null, resourceVersion),
        _ => new ResourceState(Stamp(ObjectCodec.FromNode(e.Object), resourceVersion), resourceVersion),
    };

    /// <summary>The state a snapshot holds.</summary>
    public static ResourceState FromSnapshot(ResourceSnapshot snapshot) =>
        new(snapshot.Object is null ? null : Stamp(ObjectCodec.FromNode(snapshot.Object), snapshot.ResourceVersion), snapshot.ResourceVersion);

    /// <summary>This state as a snapshot.</summary>
    public ResourceSnapshot ToSnapshot() => new(Object is null ? null : ObjectCodec.ToNode(Object), ResourceVersion);

    /// <summary>The same object stamped with another resourceVersion.</summary>
    public ResourceState WithResourceVersion(long resourceVersion) =>
        new(Object is null ? null : Stamp(ObjectCodec.Copy(Object), resourceVersion), resourceVersion);

    private static IKubernetesObject Stamp(IKubernetesObject obj, long resourceVersion)
    {
        obj.Metadata.ResourceVersion = resourceVersion > 0 ? ObjectCodec.FormatVersion(resourceVersion) : null;
        return obj;
    }
}
