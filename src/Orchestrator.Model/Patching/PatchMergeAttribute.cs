namespace Orchestrator.Model.Patching;

/// <summary>
/// Marks a list field whose strategic-merge-patch strategy is "merge" (Kubernetes' <c>patchStrategy:"merge"</c>
/// struct tag). With a merge key, list elements are objects matched by that key (containers by <c>name</c>);
/// without one, the list holds primitives merged as a set (finalizers). Lists without this attribute are
/// replaced whole by a patch.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatchMergeAttribute : Attribute
{
    /// <summary>A list of primitives merged as a set.</summary>
    public PatchMergeAttribute()
    {
    }

    /// <summary>A list of objects matched by <paramref name="mergeKey"/>.</summary>
    public PatchMergeAttribute(string mergeKey)
    {
        MergeKey = mergeKey;
    }

    /// <summary>The JSON field that identifies an element, or null for primitive lists.</summary>
    public string? MergeKey { get; }
}
