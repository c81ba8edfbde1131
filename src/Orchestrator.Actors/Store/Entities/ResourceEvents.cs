using System.Text.Json.Nodes;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Store.Entities;

/// <summary>
/// What happened to an object; each carries the whole object in its wire shape (without
/// resourceVersion, which is the event's journal ordering), so read models and watches need
/// nothing else. Tagged with the kind and <c>all-objects</c>.
/// </summary>
public abstract record ResourceEvent(JsonObject Object);

/// <summary>The object was created (watch: ADDED).</summary>
public sealed record ObjectCreated(JsonObject Object) : ResourceEvent(Object);

/// <summary>The object changed: update, patch, status, deletion requested, finalizer removed (watch: MODIFIED).</summary>
public sealed record ObjectModified(JsonObject Object) : ResourceEvent(Object);

/// <summary>The object is gone; <see cref="ResourceEvent.Object"/> is its last state (watch: DELETED).</summary>
public sealed record ObjectRemoved(JsonObject Object) : ResourceEvent(Object);

/// <summary>An entity's snapshot: its object (null when removed) and the resourceVersion it had.</summary>
public sealed record ResourceSnapshot(JsonObject? Object, long ResourceVersion);

/// <summary>Registers the store's event manifests with an actor system.</summary>
public static class ResourceEventManifests
{
    /// <summary>The tag every object event carries, besides its kind.</summary>
    public const string AllObjectsTag = "all-objects";

    /// <summary>Registers every event type (idempotent).</summary>
    public static void Register(ActorSystem system)
    {
        system.Serialization.Register<ObjectCreated>("store-object-created/v1");
        system.Serialization.Register<ObjectModified>("store-object-modified/v1");
        system.Serialization.Register<ObjectRemoved>("store-object-removed/v1");
        system.Serialization.Register<ResourceSnapshot>("store-resource-snapshot/v1");
    }
}
