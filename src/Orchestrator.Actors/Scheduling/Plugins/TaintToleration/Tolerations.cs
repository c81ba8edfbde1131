using Orchestrator.Model.Core.V1;

namespace Orchestrator.Actors.Scheduling.Plugins;

/// <summary>Taint and toleration matching, as the Kubernetes API defines it.</summary>
public static class Tolerations
{
    /// <summary>Taint effect NoSchedule.</summary>
    public const string NoSchedule = "NoSchedule";

    /// <summary>Taint effect PreferNoSchedule.</summary>
    public const string PreferNoSchedule = "PreferNoSchedule";

    /// <summary>Taint effect NoExecute.</summary>
    public const string NoExecute = "NoExecute";

    /// <summary>
    /// True when <paramref name="toleration"/> tolerates <paramref name="taint"/>: the effect is empty or equal,
    /// the key is empty (only with Exists: every key) or equal, and the operator is Exists or the values are equal.
    /// </summary>
    public static bool Tolerates(Toleration toleration, Taint taint)
    {
        if (!string.IsNullOrEmpty(toleration.Effect) && toleration.Effect != taint.Effect) return false;
        if (!string.IsNullOrEmpty(toleration.Key) && toleration.Key != taint.Key) return false;
        return toleration.Operator switch
        {
            "Exists" => true,
            null or "" or "Equal" => (toleration.Value ?? "") == (taint.Value ?? ""),
            _ => false,
        };
    }

    /// <summary>True when any of <paramref name="tolerations"/> tolerates <paramref name="taint"/>.</summary>
    public static bool AnyTolerates(Toleration[] tolerations, Taint taint)
    {
        for (var i = 0; i < tolerations.Length; i++)
        {
            if (Tolerates(tolerations[i], taint)) return true;
        }

        return false;
    }
}
