using System.Text.Json.Serialization;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>One entry of <c>GET /images/json</c>.</summary>
public sealed record ImageSummary
{
    /// <summary>Image id, <c>sha256:…</c>.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Parent image id, usually empty.</summary>
    public string? ParentId { get; init; }

    /// <summary>Tags pointing at the image, e.g. <c>orchestrator/busybox:1</c>.</summary>
    public IReadOnlyList<string>? RepoTags { get; init; }

    /// <summary>Registry digests the image was pulled or pushed as.</summary>
    public IReadOnlyList<string>? RepoDigests { get; init; }

    /// <summary>Creation time in seconds since the epoch.</summary>
    public long Created { get; init; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; init; }

    /// <summary>Image labels.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Containers using the image, or -1 when the daemon did not count.</summary>
    public int Containers { get; init; }
}

/// <summary>The response of <c>GET /images/{name}/json</c>.</summary>
public sealed record ImageInspectResponse
{
    /// <summary>Image id, <c>sha256:…</c>.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Tags pointing at the image.</summary>
    public IReadOnlyList<string>? RepoTags { get; init; }

    /// <summary>Registry digests of the image.</summary>
    public IReadOnlyList<string>? RepoDigests { get; init; }

    /// <summary>Parent image id.</summary>
    public string? Parent { get; init; }

    /// <summary>Commit message or import comment.</summary>
    public string? Comment { get; init; }

    /// <summary>Creation time.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>CPU architecture.</summary>
    public string? Architecture { get; init; }

    /// <summary>Operating system.</summary>
    public string? Os { get; init; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; init; }

    /// <summary>The image's default container configuration (entrypoint, cmd, env, labels).</summary>
    public ContainerConfig? Config { get; init; }

    /// <summary>The image's layers.</summary>
    public ImageRootFs? RootFS { get; init; }
}

/// <summary>Layer list of an image.</summary>
public sealed record ImageRootFs
{
    /// <summary>Usually <c>layers</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Layer diff ids.</summary>
    public IReadOnlyList<string>? Layers { get; init; }
}

/// <summary>One entry of the <c>DELETE /images/{name}</c> response.</summary>
public sealed record ImageDeleteResponseItem
{
    /// <summary>A tag that was removed.</summary>
    public string? Untagged { get; init; }

    /// <summary>An image or layer id that was deleted.</summary>
    public string? Deleted { get; init; }
}

/// <summary>Outcome of a completed pull.</summary>
/// <param name="Reference">What was pulled, with its tag or digest.</param>
/// <param name="Digest">The manifest digest the registry served, when the daemon reported it.</param>
/// <param name="Status">The final status line, e.g. <c>Status: Downloaded newer image for …</c>.</param>
public sealed record ImagePullResult(string Reference, string? Digest, string? Status);

/// <summary>Outcome of a completed load.</summary>
/// <param name="LoadedImages">Names (or ids, for untagged images) the daemon reported as loaded.</param>
public sealed record ImageLoadResult(IReadOnlyList<string> LoadedImages);

/// <summary>
/// Credentials for a registry, sent as Docker's <c>X-Registry-Auth</c> header
/// (base64url-encoded JSON).
/// </summary>
public sealed record RegistryAuth
{
    /// <summary>User name.</summary>
    [JsonPropertyName("username")]
    public string? Username { get; init; }

    /// <summary>Password or token.</summary>
    [JsonPropertyName("password")]
    public string? Password { get; init; }

    /// <summary>Registry the credentials are for, e.g. <c>127.0.0.1:5000</c>.</summary>
    [JsonPropertyName("serveraddress")]
    public string? ServerAddress { get; init; }

    /// <summary>An identity token instead of user name and password.</summary>
    [JsonPropertyName("identitytoken")]
    public string? IdentityToken { get; init; }

    /// <summary>The header value: URL-safe base64 of the JSON, as the daemon decodes it.</summary>
    public string ToHeaderValue()
    {
        var json = DockerJson.Serialize(this);
        return Convert.ToBase64String(json).Replace('+', '-').Replace('/', '_');
    }
}
