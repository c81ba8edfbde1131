using System.Globalization;
using Orchestrator.Model;

namespace Orchestrator.Actors.Controllers.Deployments;

/// <summary>The <c>deployment.kubernetes.io/revision</c> annotation on a Deployment and its ReplicaSets.</summary>
public static class Revisions
{
    /// <summary>The annotation key.</summary>
    public const string Annotation = "deployment.kubernetes.io/revision";

    /// <summary>The revision of <paramref name="obj"/>, 0 when it has none.</summary>
    public static long Of(IKubernetesObject obj) =>
        long.TryParse(obj.Metadata.Annotation(Annotation), NumberStyles.None, CultureInfo.InvariantCulture, out var revision) ? revision : 0;

    /// <summary>A revision as the annotation writes it.</summary>
    public static string Format(long revision) => revision.ToString(CultureInfo.InvariantCulture);
}
