using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>One store write from the asynchronous part of a sync, its failure collected instead of thrown.</summary>
public static class StoreWrites
{
    /// <summary>Sends <paramref name="command"/>; on failure adds "<paramref name="what"/>: reason" to <paramref name="errors"/> and returns null.</summary>
    public static async Task<ObjectReply?> Send(IActorRef store, IObjectCommand command, TimeSpan timeout, List<string> errors, string what, bool ignoreNotFound = false)
    {
        try
        {
            var reply = await store.Ask<ObjectReply>(command, timeout).ConfigureAwait(false);
            if (reply.IsSuccess || (ignoreNotFound && reply.Error!.Reason == StatusError.NotFoundReason))
            {
                return reply;
            }

            lock (errors)
            {
                errors.Add($"{what}: {reply.Error}");
            }
        }
        catch (AskTimeoutException e)
        {
            lock (errors)
            {
                errors.Add($"{what}: {e.Message}");
            }
        }

        return null;
    }
}
