namespace Orchestrator.NodeAgent.Pods;

/// <summary>
/// ConfigMaps, Secrets and Events: the references a launch needs (env and projected volume files), and the
/// events reported to the listener.
/// </summary>
public sealed partial class PodWorker
{
    /// <summary>
    /// Checks the container's references and writes the pod's configMap/secret volume files; on a problem the
    /// container waits in CreateContainerConfigError and false is returned.
    /// </summary>
    private bool PrepareConfig(ContainerRecord record, string volumesRoot)
    {
        var problem = _dependencies.MissingFor(_pod, record.Spec);
        if (problem is null)
        {
            try
            {
                VolumeProjector.Project(_pod, _dependencies, volumesRoot);
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                problem = ex.Message;
            }
        }

        record.Launching = false;
        record.MarkWaiting("CreateContainerConfigError", problem);
        Emit("Failed", "Error: " + problem, record.Name, warning: true);
        return false;
    }

    /// <summary>Reports an event to the listener; safe off the actor's thread (the listener and Self are captured refs).</summary>
    private void Emit(string reason, string message, string? container, bool warning) =>
        _statusListener.Tell(new PodEventOccurred(_identity.Uid, reason, message, warning ? "Warning" : "Normal", container), _self);
}
