using Orchestrator.Model;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Labels;

namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>Which pods a controller owns, should adopt (orphans its selector matches) and should release (its own that no longer match).</summary>
/// <param name="Owned">Controlled by the owner and matching its selector.</param>
/// <param name="Adopt">Orphans (no controller) that match, not being deleted.</param>
/// <param name="Release">Controlled by the owner but no longer matching.</param>
public sealed record PodClaim(IReadOnlyList<Pod> Owned, IReadOnlyList<Pod> Adopt, IReadOnlyList<Pod> Release)
{
    /// <summary>Owned and to-be-adopted pods: the ones the controller counts.</summary>
    public IEnumerable<Pod> Claimed => Owned.Concat(Adopt);

    /// <summary>
    /// Sorts <paramref name="pods"/> (those of the owner's namespace) for <paramref name="owner"/>. Orphans are
    /// adopted only when <paramref name="mayAdopt"/> (not while the owner is being deleted), as Kubernetes'
    /// ControllerRefManager does.
    /// </summary>
    public static PodClaim Of(IKubernetesObject owner, Selector selector, IEnumerable<Pod> pods, bool mayAdopt)
    {
        var owned = new List<Pod>();
        var adopt = new List<Pod>();
        var release = new List<Pod>();
        foreach (var pod in pods)
        {
            var matches = selector.MatchesLabelsOf(pod);
            var controller = OwnerReferences.ControllerOf(pod);
            if (controller is not null)
            {
                if (controller.Uid != owner.Metadata.Uid)
                {
                    continue;
                }

                (matches ? owned : release).Add(pod);
            }
            else if (matches && mayAdopt && pod.Metadata.DeletionTimestamp is null)
            {
                adopt.Add(pod);
            }
        }

        return new PodClaim(owned, adopt, release);
    }
}
