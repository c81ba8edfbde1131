using System.Collections.Immutable;
using Orchestrator.Model;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Informers;

/// <summary>
/// Subscribes <paramref name="Subscriber"/> (the sender when null) to an <see cref="Informer"/>: it receives
/// <see cref="InformerSynced"/> once the initial list is in (at once when it already is), then every
/// <see cref="ObjectAdded"/> / <see cref="ObjectUpdated"/> / <see cref="ObjectDeleted"/> and
/// <see cref="InformerResynced"/>. The subscription ends when the subscriber stops.
/// </summary>
public sealed record SubscribeInformer(IActorRef? Subscriber = null);

/// <summary>Ends a subscription.</summary>
public sealed record UnsubscribeInformer(IActorRef? Subscriber = null);

/// <summary>
/// A notification from an informer. <see cref="Cache"/> is the informer's whole cache (key → object, see
/// <see cref="CacheKeys"/>) right after this change: an immutable map, so every subscriber may keep and
/// read it without copying and without ever seeing a later change half-applied. Objects in it are
/// shared: copy one (<see cref="Store.Objects.ObjectCodec.Copy{T}"/>) before changing it.
/// </summary>
public abstract record InformerNotification(InformerSpec Source, ImmutableDictionary<string, IKubernetesObject> Cache, string ResourceVersion);

/// <summary>The initial list is in the cache: from now on the cache is a complete view.</summary>
public sealed record InformerSynced(InformerSpec Source, ImmutableDictionary<string, IKubernetesObject> Cache, string ResourceVersion)
    : InformerNotification(Source, Cache, ResourceVersion);

/// <summary>An object appeared (or entered the selection).</summary>
public sealed record ObjectAdded(InformerSpec Source, IKubernetesObject Object, ImmutableDictionary<string, IKubernetesObject> Cache, string ResourceVersion)
    : InformerNotification(Source, Cache, ResourceVersion);

/// <summary>An object changed; <paramref name="Old"/> is what the cache held before.</summary>
public sealed record ObjectUpdated(InformerSpec Source, IKubernetesObject Old, IKubernetesObject New, ImmutableDictionary<string, IKubernetesObject> Cache, string ResourceVersion)
    : InformerNotification(Source, Cache, ResourceVersion);

/// <summary>An object went away (or left the selection); <paramref name="LastState"/> is the last state the informer saw.</summary>
public sealed record ObjectDeleted(InformerSpec Source, IKubernetesObject LastState, ImmutableDictionary<string, IKubernetesObject> Cache, string ResourceVersion)
    : InformerNotification(Source, Cache, ResourceVersion);

/// <summary>The periodic resync: nothing changed, but a level-triggered subscriber should look at every object again.</summary>
public sealed record InformerResynced(InformerSpec Source, ImmutableDictionary<string, IKubernetesObject> Cache, string ResourceVersion)
    : InformerNotification(Source, Cache, ResourceVersion);
