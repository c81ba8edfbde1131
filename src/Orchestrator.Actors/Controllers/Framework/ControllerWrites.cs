using System.Text.Json;
using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Model.Serialization;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>
/// Store writes for the asynchronous part of a sync: each records its failure in a list instead of throwing,
/// so one failed write does not stop the others and the sync reports every error at once.
/// </summary>
public static class ControllerWrites
{
    /// <summary>Sends <paramref name="command"/>; on failure adds "<paramref name="what"/>: error" to <paramref name="errors"/>. Returns the reply, or null on a timeout.</summary>
    public static async Task<ObjectReply?> Write(IActorRef store, IObjectCommand command, TimeSpan timeout, List<string> errors, string what, bool alreadyExistsIsSuccess = false)
    {
        try
        {
            var reply = await store.Ask<ObjectReply>(command, timeout).ConfigureAwait(false);
            var benign = reply.Error?.Reason == StatusError.NotFoundReason && command is DeleteObject
                || (alreadyExistsIsSuccess && reply.Error?.Reason == StatusError.AlreadyExistsReason);
            if (!reply.IsSuccess && !benign) errors.Add($"{what}: {reply.Error!.Message}");
            return reply;
        }
        catch (AskTimeoutException e)
        {
            errors.Add($"{what}: {e.Message}");
            return null;
        }
    }

    /// <summary>True when two status objects serialize alike (so an unchanged status is not written again).</summary>
    public static bool SameJson<T>(T? a, T? b) =>
        JsonSerializer.Serialize(a, KubernetesJson.Options) == JsonSerializer.Serialize(b, KubernetesJson.Options);
}
