using System.Text;
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

        string? afterKey = null;
        if (!string.IsNullOrEmpty(request.Continue) && !TryDecodeContinue(request.Continue, out afterKey))
        {
            replyTo.Tell(new ObjectList([], Version, Error: StatusError.BadRequest("invalid continue token")), Self);
            return;
        }

        var matches = _index.Select(NamespaceFilter(request.Namespace), labels, fields, afterKey);
        var limit = request.Limit is { } l and > 0 ? Math.Min(l, _settings.ListPageSizeMax) : int.MaxValue;
        var page = new List<Model.IKubernetesObject>();
        string? lastKey = null;
        long remaining = 0;
        foreach (var stored in matches)
        {
            if (page.Count < limit)
            {
                page.Add(stored.Object);
                lastKey = stored.Key;
            }
            else remaining++;
        }

        var next = remaining > 0 ? EncodeContinue(lastKey!) : null;
        replyTo.Tell(new ObjectList(page, Version, next, remaining > 0 ? remaining : null), Self);
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

    private static string EncodeContinue(string lastKey) => Convert.ToBase64String(Encoding.UTF8.GetBytes(lastKey));

    private static bool TryDecodeContinue(string token, out string? lastKey)
    {
        try
        {
            lastKey = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return lastKey.Contains('/', StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            lastKey = null;
            return false;
        }
    }
}
