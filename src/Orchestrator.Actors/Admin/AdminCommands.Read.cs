using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Model;
using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Admin;

/// <summary>get and describe.</summary>
internal sealed partial class AdminCommands
{
    private async Task<ObjectsFound> Get(GetObjects request)
    {
        var selection = await Select(request.Query).ConfigureAwait(false);
        if (selection.Error is { } error) return ObjectsFound.Failed(error);
        var type = selection.Type;
        return new ObjectsFound(type.Kind, type.ApiVersion, type.Namespaced, selection.Objects.Select(Json).ToList(), selection.ResourceVersion, selection.Missing);
    }

    private async Task<ObjectsDescribed> Describe(DescribeObjects request)
    {
        var selection = await Select(request.Query).ConfigureAwait(false);
        if (selection.Error is { } error) return new ObjectsDescribed([], [], error);
        var described = new List<DescribedObject>();
        foreach (var obj in selection.Objects)
        {
            var events = await EventsOf(obj).ConfigureAwait(false);
            described.Add(new DescribedObject(Json(obj), events.Select(Json).ToList()));
        }

        return new ObjectsDescribed(described, selection.Missing);
    }

    /// <summary>The object's Events, oldest first, at most <see cref="AdminSettings.DescribeEvents"/> of the newest.</summary>
    private async Task<IReadOnlyList<Event>> EventsOf(IKubernetesObject obj)
    {
        if (settings.DescribeEvents == 0) return [];
        var ns = obj.Metadata.Namespace ?? "default";
        var list = await _store.List(new ListObjects("", "Event", ns, FieldSelector: $"involvedObject.name={obj.Metadata.Name}")).ConfigureAwait(false);
        return list.Items.OfType<Event>()
            .Where(e => e.InvolvedObject.Kind == obj.Kind && (e.InvolvedObject.Uid is null || e.InvolvedObject.Uid == obj.Metadata.Uid))
            .OrderBy(LastSeen)
            .TakeLast(settings.DescribeEvents)
            .ToList();
    }

    /// <summary>When an Event was last seen: lastTimestamp, eventTime, or its creation.</summary>
    public static DateTimeOffset LastSeen(Event e) =>
        e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue;
}
