namespace Orchestrator.Actors.Store.Front;

/// <summary>
/// The object store's protocol is the messages of the entities and read models it routes to:
/// object commands (<see cref="Entities.CreateObject"/>, <see cref="Entities.GetObject"/>,
/// <see cref="Entities.UpdateObject"/>, <see cref="Entities.UpdateObjectStatus"/>,
/// <see cref="Entities.PatchObject"/>, <see cref="Entities.DeleteObject"/>, <see cref="Entities.BindPod"/>) answered with
/// <see cref="Entities.ObjectReply"/>, and <see cref="ReadModels.ListObjects"/> /
/// <see cref="ReadModels.WatchObjects"/> / <see cref="ReadModels.CancelWatch"/>. Only the store's own
/// internal messages are here.
/// </summary>
internal static class ObjectStoreMessages
{
    /// <summary>A create whose namespace exists and is not terminating, ready for the namespace's admission.</summary>
    internal sealed record AdmittedCreate(Entities.CreateObject Command, Objects.ObjectKey Key);
}
