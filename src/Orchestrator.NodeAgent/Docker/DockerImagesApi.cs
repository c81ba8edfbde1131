using System.Net.Http.Headers;
using System.Runtime.CompilerServices;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>Image calls: list, inspect, pull, load, tag and remove.</summary>
public sealed class DockerImagesApi
{
    private const string LoadedImagePrefix = "Loaded image: ";
    private const string LoadedImageIdPrefix = "Loaded image ID: ";
    private const string DigestPrefix = "Digest: ";

    private readonly DockerTransport _transport;

    internal DockerImagesApi(DockerTransport transport) => _transport = transport;

    /// <summary><c>GET /images/json</c>, optionally filtered (e.g. <c>reference</c>, <c>label</c>).</summary>
    public async Task<IReadOnlyList<ImageSummary>> ListAsync(
        DockerFilters? filters = null,
        bool all = false,
        CancellationToken cancellationToken = default)
    {
        var query = new DockerQuery().Add("all", all).Add("filters", filters);
        return await _transport.GetJsonAsync<List<ImageSummary>>("/images/json", query, "list images", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary><c>GET /images/{name}/json</c>.</summary>
    /// <exception cref="DockerNotFoundException">No such image.</exception>
    public Task<ImageInspectResponse> InspectAsync(string nameOrId, CancellationToken cancellationToken = default) =>
        _transport.GetJsonAsync<ImageInspectResponse>(
            $"/images/{DockerQuery.Segment(nameOrId)}/json", null, $"inspect image {nameOrId}", cancellationToken);

    /// <summary>
    /// <c>POST /images/create?fromImage=…</c>: pulls one tag (never all tags: a missing tag means
    /// <c>latest</c>). Progress lines are reported as they stream; an error line in the stream, or an
    /// error status before it, becomes an exception carrying the daemon's message.
    /// </summary>
    /// <exception cref="DockerApiException">The daemon refused the pull (e.g. 404 for an unknown manifest).</exception>
    /// <exception cref="DockerStreamErrorException">The pull failed after it had started.</exception>
    public async Task<ImagePullResult> PullAsync(
        string image,
        RegistryAuth? auth = null,
        IProgress<ProgressMessage>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var reference = ImageReference.Parse(image);
        var query = new DockerQuery()
            .Add("fromImage", reference.Repository)
            .Add("tag", reference.Digest ?? reference.Tag);
        var operation = $"pull image {reference}";
        var headers = auth is null
            ? null
            : new Dictionary<string, string> { ["X-Registry-Auth"] = auth.ToHeaderValue() };

        using var response = await _transport.OpenAsync(
            HttpMethod.Post, "/images/create", query, null, operation, cancellationToken, headers: headers).ConfigureAwait(false);
        string? digest = null;
        string? status = null;
        await foreach (var message in ReadProgressAsync(response, operation, progress, cancellationToken).ConfigureAwait(false))
        {
            if (message.Status is { } line)
            {
                status = line;
                if (line.StartsWith(DigestPrefix, StringComparison.Ordinal))
                {
                    digest = line[DigestPrefix.Length..].Trim();
                }
            }
        }

        return new ImagePullResult(reference.ToString(), digest, status);
    }

    /// <summary>
    /// <c>POST /images/load</c>: loads images from a <c>docker save</c> tar stream. The stream is read, not
    /// disposed.
    /// </summary>
    /// <exception cref="DockerStreamErrorException">The daemon rejected the archive.</exception>
    public async Task<ImageLoadResult> LoadAsync(
        Stream tarArchive,
        IProgress<ProgressMessage>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tarArchive);
        const string operation = "load images";
        var content = new StreamContent(new NonClosingStream(tarArchive));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
        using var response = await _transport.OpenAsync(
            HttpMethod.Post, "/images/load", new DockerQuery().Add("quiet", false), content, operation, cancellationToken)
            .ConfigureAwait(false);
        var loaded = new List<string>();
        await foreach (var message in ReadProgressAsync(response, operation, progress, cancellationToken).ConfigureAwait(false))
        {
            var line = message.Stream?.Trim();
            if (line is null)
            {
                continue;
            }

            if (line.StartsWith(LoadedImageIdPrefix, StringComparison.Ordinal))
            {
                loaded.Add(line[LoadedImageIdPrefix.Length..].Trim());
            }
            else if (line.StartsWith(LoadedImagePrefix, StringComparison.Ordinal))
            {
                loaded.Add(line[LoadedImagePrefix.Length..].Trim());
            }
        }

        return new ImageLoadResult(loaded);
    }

    /// <summary><c>POST /images/{name}/tag</c>: adds <paramref name="repository"/>:<paramref name="tag"/>.</summary>
    /// <exception cref="DockerNotFoundException">No such source image.</exception>
    public Task TagAsync(string source, string repository, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        var query = new DockerQuery().Add("repo", repository).Add("tag", tag);
        return _transport.SendAsync(
            HttpMethod.Post, $"/images/{DockerQuery.Segment(source)}/tag", query, null,
            $"tag image {source} as {repository}:{tag}", cancellationToken);
    }

    /// <summary>
    /// <c>DELETE /images/{name}</c>: untags, and deletes the image once no tag is left.
    /// </summary>
    /// <exception cref="DockerNotFoundException">No such image.</exception>
    /// <exception cref="DockerConflictException">A container uses it and <paramref name="force"/> is false.</exception>
    public async Task<IReadOnlyList<ImageDeleteResponseItem>> RemoveAsync(
        string nameOrId,
        bool force = false,
        bool noPrune = false,
        CancellationToken cancellationToken = default)
    {
        var query = new DockerQuery().Add("force", force).Add("noprune", noPrune);
        using var response = await _transport.OpenAsync(
            HttpMethod.Delete, $"/images/{DockerQuery.Segment(nameOrId)}", query, null,
            $"remove image {nameOrId}", cancellationToken).ConfigureAwait(false);
        return await DockerTransport.ReadJsonAsync<List<ImageDeleteResponseItem>>(
            response, $"remove image {nameOrId}", cancellationToken).ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<ProgressMessage> ReadProgressAsync(
        HttpResponseMessage response,
        string operation,
        IProgress<ProgressMessage>? progress,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var message in DockerTransport.ReadJsonLinesAsync<ProgressMessage>(response, operation, cancellationToken)
                           .ConfigureAwait(false))
        {
            progress?.Report(message);
            if (message.ErrorMessage is { Length: > 0 } error)
            {
                throw new DockerStreamErrorException(error, operation, response.StatusCode);
            }

            yield return message;
        }
    }

    /// <summary>
    /// Keeps HttpClient from disposing a caller's stream along with the request content: the caller
    /// opened it, the caller closes it.
    /// </summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
