using Orchestrator.Actors.Store.Entities;

namespace Orchestrator.Actors.Admin;

/// <summary>delete.</summary>
internal sealed partial class AdminCommands
{
    private async Task<AdminResult> Delete(DeleteObjects request)
    {
        if (!TryParseCascade(request.Cascade, out var policy))
            return AdminResult.Failed(AdminError.BadRequest($"invalid cascade value ({request.Cascade}); must be one of: background, foreground, orphan"));
        var selection = await Select(request.Query, requireSelection: true, all: request.All).ConfigureAwait(false);
        if (selection.Error is { } error) return AdminResult.Failed(error);

        var options = new DeleteOptions(request.GracePeriodSeconds, policy);
        var outcomes = selection.Missing.Select(m => new ObjectOutcome(ResourceName(selection.Type), "", null, "", m)).ToList();
        foreach (var obj in selection.Objects)
        {
            var reply = await _store.Send(new DeleteObject(KeyOf(selection.Type, obj), options)).ConfigureAwait(false);
            outcomes.Add(Outcome(selection.Type, obj, "deleted", reply.Error is { } e ? AdminError.From(e) : null));
        }

        return new AdminResult(outcomes);
    }

    /// <summary>kubectl's --cascade values (and the older true/false).</summary>
    public static bool TryParseCascade(string text, out PropagationPolicy policy)
    {
        switch (text.ToLowerInvariant())
        {
            case "background" or "true" or "":
                policy = PropagationPolicy.Background;
                return true;
            case "foreground":
                policy = PropagationPolicy.Foreground;
                return true;
            case "orphan" or "false":
                policy = PropagationPolicy.Orphan;
                return true;
            default:
                policy = default;
                return false;
        }
    }
}
