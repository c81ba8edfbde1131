using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.Objects;
using Orchestrator.Model.Labels;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Store.ReadModels;

/// <summary>List: selectors, read-your-writes waiting, paging.</summary>
public sealed partial class KindReadModel
{
    private void HandleList(ListObjects request)
    {
        var rv = request.ResourceVersion;
        if (string.IsNullOrEmpty(rv))
        {
            // A consistent read: answered after a catch-up that started after the request arrived.
            Park(request, Sender, 0, _catchUpsStarted + 1);
            return;
        }

        if (rv == "0")
        {
            Answer(request, Sender);
            return;
        }

        if (!ObjectCodec.TryParseVersion(rv, out var minVersion))
        {
            Sender.Tell(new ObjectList([], Version, Error: StatusError.BadRequest($"invalid resourceVersion \"{rv}\"")), Self);
            return;
        }

        if (_consistent >= minVersion) Answer(request, Sender);
        else Park(request, Sender, minVersion, 0);
    }

    private void Park(object request, IActorRef replyTo, long minVersion, int needsCatchUp)
    {
        _parked.Add(new ParkedRequest(request, replyTo, minVersion, needsCatchUp, DateTimeOffset.UtcNow + _settings.ListWaitTimeout));
        if (!Timers.IsTimerActive("tick")) Timers.StartPeriodicTimer("tick", new Tick(), TimeSpan.FromMilliseconds(50));
        StartCatchUp();
    }

    private void ServeParked()
    {
        for (var i = 0; i < _parked.Count;)
        {
            var parked = _parked[i];
            if (_consistent >= parked.MinVersion && _catchUpsCompleted >= parked.NeedsCatchUp)
            {
                _parked.RemoveAt(i);
                if (parked.Request is ListObjects list) Answer(list, parked.ReplyTo);
                else StartWatch((WatchObjects)parked.Request, parked.ReplyTo);
            }
            else i++;
        }

        if (_parked.Count == 0) Timers.Cancel("tick");
    }

    private void Answer(ListObjects request, IActorRef replyTo)
    {
        if (ParseSelectors(request.LabelSelector, request.FieldSelector, out var labels, out var fields) is { } selectorError)
        {
            replyTo.Tell(new ObjectList([], Version, Error: selectorError), Self);
            return;
        }

        var limit = request.Limit is { } l and > 0 ? Math.Min(l, _settings.ListPageSizeMax) : int.MaxValue;
        var selection = $"{NamespaceFilter(request.Namespace)}|{request.LabelSelector}|{request.FieldSelector}";
        if (!string.IsNullOrEmpty(request.Continue))
        {
            AnswerNextPage(request, replyTo, limit, selection);
            return;
        }

        var matches = _index.Select(NamespaceFilter(request.Namespace), labels, fields, null).ToList();
        if (matches.Count <= limit)
        {
            replyTo.Tell(new ObjectList(matches.ConvertAll(m => m.Object), Version), Self);
            return;
        }

        var rest = matches.GetRange(limit, matches.Count - limit);
        var token = _cursors.Open(rest, Version, selection, DateTimeOffset.UtcNow);
        replyTo.Tell(new ObjectList(matches.GetRange(0, limit).ConvertAll(m => m.Object), Version, token, rest.Count), Self);
    }

    /// <summary>A later page: read from the first page's cursor, so it shows the kind as it was at that page's resourceVersion.</summary>
    private void AnswerNextPage(ListObjects request, IActorRef replyTo, int limit, string selection)
    {
        if (!ListCursors.TryDecode(request.Continue!, out var id, out var offset))
        {
            replyTo.Tell(new ObjectList([], Version, Error: StatusError.BadRequest("invalid continue token")), Self);
            return;
        }

        var cursor = _cursors.Find(id, DateTimeOffset.UtcNow);
        if (cursor is null)
        {
            replyTo.Tell(new ObjectList([], Version, Error: StatusError.Gone(
                "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.")), Self);
            return;
        }

        if (cursor.Selection != selection || offset > cursor.Items.Count)
        {
            replyTo.Tell(new ObjectList([], Version, Error: StatusError.BadRequest("the continue token was issued for a different list")), Self);
            return;
        }

        var count = Math.Min(limit, cursor.Items.Count - offset);
        var page = new List<Model.IKubernetesObject>(count);
        for (var i = offset; i < offset + count; i++) page.Add(cursor.Items[i].Object);
        var remaining = cursor.Items.Count - offset - count;
        replyTo.Tell(new ObjectList(page, cursor.ResourceVersion, remaining > 0 ? ListCursors.Next(request.Continue!, offset + count) : null,
            remaining > 0 ? remaining : null), Self);
    }

    private string? NamespaceFilter(string? ns) => _type.Namespaced && !string.IsNullOrEmpty(ns) ? ns : null;

    private static StatusError? ParseSelectors(string? labelText, string? fieldText, out Selector labels, out FieldSelector fields)
    {
        labels = Selector.Everything;
        fields = FieldSelector.Everything;
        try
        {
            if (!string.IsNullOrWhiteSpace(labelText)) labels = Selector.Parse(labelText);
        }
        catch (SelectorParseException e)
        {
            return StatusError.BadRequest($"unable to parse requirement: {e.Message}");
        }

        try
        {
            if (!string.IsNullOrWhiteSpace(fieldText)) fields = FieldSelector.Parse(fieldText);
        }
        catch (SelectorParseException e)
        {
            return StatusError.BadRequest($"invalid field selector: {e.Message}");
        }

        return null;
    }
}
