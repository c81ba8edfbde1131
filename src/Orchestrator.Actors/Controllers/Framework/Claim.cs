using Orchestrator.Model;
using Orchestrator.Model.Labels;

namespace Orchestrator.Actors.Controllers.Framework;

/// <summary>Which objects (pods, ReplicaSets) a controller owns, should adopt (orphans its selector matches) and should release (its own that no longer match).</summary>
/// <param name="Owned">Controlled by the owner and matching its selector.</param>
/// <param name="Adopt">Orphans (no controller) that match, not being deleted.</param>
/// <param name="Release">Controlled by the owner but no longer matching.</param>
public sealed record Claim<T>(IReadOnlyList<T> Owned, IReadOnlyList<T> Adopt, IReadOnlyList<T> Release)
    where T : IKubernetesObject
{
    /// <summary>Owned and to-be-adopted objects: the ones the controller counts.</summary>
    public IEnumerable<T> Claimed => Owned.Concat(Adopt);

    /// <summary>
    /// Sorts <paramref name="candidates"/> (those of the owner's namespace) for <paramref name="owner"/>. Orphans are
    /// adopted only when <paramref name="mayAdopt"/> (not while the owner is being deleted), as Kubernetes'
    /// ControllerRefManager does.
    /// </summary>
    public static Claim<T> Of(IKubernetesObject owner, Selector selector, IEnumerable<T> candidates, bool mayAdopt)
    {
        var owned = new List<T>();
        var adopt = new List<T>();
        var release = new List<T>();
        foreach (var pod in candidates)
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

        return new Claim<T>(owned, adopt, release);
    }
}
