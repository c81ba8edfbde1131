using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Core.V1;
using Orchestrator.Runtime;

namespace Orchestrator.NodeAgent.Agent;

/// <summary>
/// Writes the node agent's Events through the object store and aggregates repeats, as the kubelet's event correlator
/// does: an event like one it wrote before (same involved object, field path, type, reason, message and source)
/// updates that Event (count + 1, lastTimestamp now) instead of creating another. It remembers the last
/// <see cref="MaxRemembered"/> distinct events; an Event deleted meanwhile is created again.
/// </summary>
public sealed class EventRecorder : ReceiveActor
{
    /// <summary>Distinct events remembered for aggregation (the kubelet's correlator keeps 4096 too).</summary>
    public const int MaxRemembered = 4096;

    private readonly IActorRef _store;
    private readonly EventSource _source;
    private readonly TimeSpan _timeout;
    private readonly Dictionary<string, LinkedListNode<(string Key, Event Event)>> _byKey = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, Event Event)> _recent = new();

    /// <summary>Creates the recorder; use <see cref="Props"/>.</summary>
    public EventRecorder(IActorRef store, EventSource source, TimeSpan timeout)
    {
        _store = store;
        _source = source;
        _timeout = timeout;
        Receive<RecordEvent>(HandleRecord);
        Receive<Written>(HandleWritten);
    }

    /// <summary>Props of a recorder writing to <paramref name="store"/> as <paramref name="source"/>.</summary>
    public static Props Props(IActorRef store, EventSource source, TimeSpan timeout) =>
        Orchestrator.Runtime.Props.Create(() => new EventRecorder(store, source, timeout));

    private static string KeyOf(RecordEvent e) => string.Join('\u0001',
        e.InvolvedObject.Kind, e.InvolvedObject.Namespace, e.InvolvedObject.Name, e.InvolvedObject.Uid, e.InvolvedObject.FieldPath,
        e.Type, e.Reason, e.Message);

    private void HandleRecord(RecordEvent record)
    {
        var key = KeyOf(record);
        var now = DateTimeOffset.UtcNow;
        Event written;
        if (_byKey.TryGetValue(key, out var node))
        {
            written = ObjectCodec.Copy(node.Value.Event);
            written.Metadata.ResourceVersion = null;
            written.Count = (written.Count ?? 1) + 1;
            written.LastTimestamp = now;
            Remember(key, written);
            _store.Ask<ObjectReply>(new UpdateObject(written), _timeout)
                .PipeTo(Self, success: r => new Written(key, written, r), failure: _ => new Written(key, written, null));
            return;
        }

        written = New(record, now);
        Remember(key, written);
        _store.Ask<ObjectReply>(new CreateObject(written), _timeout)
            .PipeTo(Self, success: r => new Written(key, written, r), failure: _ => new Written(key, written, null));
    }

    private void HandleWritten(Written written)
    {
        if (written.Reply?.Error?.Reason != StatusError.NotFoundReason || !_byKey.TryGetValue(written.Key, out var node)
            || !ReferenceEquals(node.Value.Event, written.Event))
        {
            return;
        }

        // The Event is gone (deleted, or expired): start it again under a new name, keeping the count.
        var again = ObjectCodec.Copy(written.Event);
        again.Metadata = new() { Name = NewName(again.InvolvedObject.Name), Namespace = again.Metadata.Namespace };
        Remember(written.Key, again);
        _store.Tell(new CreateObject(again), ActorRefs.NoSender);
    }

    private void Remember(string key, Event e)
    {
        if (_byKey.Remove(key, out var old))
        {
            _recent.Remove(old);
        }

        _byKey[key] = _recent.AddFirst((key, e));
        while (_recent.Count > MaxRemembered)
        {
            _byKey.Remove(_recent.Last!.Value.Key);
            _recent.RemoveLast();
        }
    }

    private Event New(RecordEvent record, DateTimeOffset now) => new()
    {
        Metadata = { Name = NewName(record.InvolvedObject.Name), Namespace = record.InvolvedObject.Namespace ?? "default" },
        InvolvedObject = record.InvolvedObject,
        Reason = record.Reason,
        Message = record.Message,
        Type = record.Type,
        Source = new EventSource { Component = _source.Component, Host = _source.Host },
        FirstTimestamp = now,
        LastTimestamp = now,
        Count = 1,
        ReportingComponent = _source.Component,
        ReportingInstance = _source.Host,
    };

    // Like the kubelet's <object>.<unique hex>, within the 253 characters of a name.
    private static string NewName(string? objectName)
    {
        var prefix = objectName ?? "event";
        return $"{prefix[..Math.Min(prefix.Length, 236)]}.{Guid.NewGuid():N}"[..Math.Min(253, Math.Min(prefix.Length, 236) + 17)];
    }

    private sealed record Written(string Key, Event Event, ObjectReply? Reply);
}
