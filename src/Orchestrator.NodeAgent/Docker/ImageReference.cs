namespace Orchestrator.NodeAgent.Docker;

/// <summary>
/// An image name split into repository and tag or digest, e.g.
/// <c>127.0.0.1:5000/orchestrator/busybox:1</c> → <c>127.0.0.1:5000/orchestrator/busybox</c> + <c>1</c>.
/// </summary>
/// <param name="Repository">Registry host (optional) and path.</param>
/// <param name="Tag">The tag, or null when <paramref name="Digest"/> is given.</param>
/// <param name="Digest">A content digest such as <c>sha256:…</c>, or null.</param>
public sealed record ImageReference(string Repository, string? Tag, string? Digest)
{
    /// <summary>The tag Docker assumes when none is given.</summary>
    public const string DefaultTag = "latest";

    /// <summary>
    /// Parses an image reference. A missing tag becomes <c>latest</c>, because the pull endpoint given
    /// an empty tag pulls every tag of the repository.
    /// </summary>
    public static ImageReference Parse(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        if (reference.Any(char.IsWhiteSpace))
        {
            throw new FormatException($"image reference '{reference}' contains white space");
        }

        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var digest = reference[(at + 1)..];
            var name = reference[..at];
            if (digest.Length == 0 || name.Length == 0 || !digest.Contains(':', StringComparison.Ordinal))
            {
                throw new FormatException($"image reference '{reference}' has an invalid digest");
            }

            // name:tag@digest: the digest wins, as with the docker CLI.
            return new ImageReference(SplitTag(name).Repository, null, digest);
        }

        var (repository, tag) = SplitTag(reference);
        return new ImageReference(repository, tag ?? DefaultTag, null);
    }

    /// <summary><c>repository:tag</c> or <c>repository@digest</c>.</summary>
    public override string ToString() => Digest is not null ? $"{Repository}@{Digest}" : $"{Repository}:{Tag}";

    private static (string Repository, string? Tag) SplitTag(string name)
    {
        // A colon before the last slash belongs to a registry host's port, not to a tag.
        var colon = name.LastIndexOf(':');
        if (colon < 0 || colon < name.LastIndexOf('/'))
        {
            return (name, null);
        }

        var repository = name[..colon];
        var tag = name[(colon + 1)..];
        if (repository.Length == 0 || tag.Length == 0)
        {
            throw new FormatException($"image reference '{name}' has an empty repository or tag");
        }

        return (repository, tag);
    }
}
