using Orchestrator.Actors.Store.Entities;
using Orchestrator.Actors.Store.Errors;
using Orchestrator.Actors.Store.ReadModels;
using Orchestrator.Runtime;

namespace Orchestrator.Actors.Admin;

/// <summary>The object store's request-reply calls as tasks, each with the admin request timeout; a timeout becomes a Timeout error.</summary>
internal sealed class StoreClient(IActorRef store, TimeSpan timeout)
{
    /// <summary>Sends an object command; never throws for a slow store.</summary>
    public async Task<ObjectReply> Send(IObjectCommand command)
    {
        try
        {
            return await store.Ask<ObjectReply>(command, timeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return ObjectReply.Failed(StatusError.Timeout($"the object store did not answer within {timeout.TotalSeconds:0} s"));
        }
    }

    /// <summary>Lists objects; never throws for a slow store.</summary>
    public async Task<ObjectList> List(ListObjects request)
    {
        try
        {
            return await store.Ask<ObjectList>(request, timeout).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return new ObjectList([], "0", Error: StatusError.Timeout($"the object store did not answer within {timeout.TotalSeconds:0} s"));
        }
    }
}
