using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Orchestrator.NodeAgent.Docker;

/// <summary>
/// HTTP to the daemon over a unix socket or TCP: API version prefixing, error mapping and JSON bodies.
/// The area classes (<see cref="DockerContainersApi"/> and friends) only build paths and records.
/// </summary>
internal sealed class DockerTransport : IDisposable
{
    /// <summary>The oldest API this client speaks: Docker 20.10, Debian 12's engine.</summary>
    public static readonly Version MinimumApiVersion = new(1, 41);

    /// <summary>The newest API whose request and response shapes this client was written against.</summary>
    public static readonly Version MaximumApiVersion = new(1, 45);

    private static readonly MediaTypeHeaderValue _jsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly SemaphoreSlim _negotiationLock = new(1, 1);
    private Version? _apiVersion;

    public DockerTransport(DockerClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Endpoint = options.Endpoint;
        if (options.ApiVersion is not null)
        {
            _apiVersion = Negotiate(options.ApiVersion, null);
        }

        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            // A system-wide HTTP proxy must never see daemon traffic, which is local by definition.
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        Uri baseAddress;
        if (Endpoint.Kind == DockerEndpointKind.Unix)
        {
            handler.ConnectCallback = ConnectUnixAsync;
            // The host name only fills the Host header; the callback decides where bytes go.
            baseAddress = new Uri("http://localhost/");
        }
        else
        {
            var host = Endpoint.Host!.Contains(':') ? $"[{Endpoint.Host}]" : Endpoint.Host;
            baseAddress = new Uri($"http://{host}:{Endpoint.Port.ToString(CultureInfo.InvariantCulture)}/");
        }

        // Logs, events, wait and pulls stream for as long as the caller wants: the only deadline is the
        // caller's CancellationToken.
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public DockerEndpoint Endpoint { get; }

    /// <summary>The API version in use, negotiated with the daemon on first use.</summary>
    public async ValueTask<Version> GetApiVersionAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _apiVersion) is { } known)
        {
            return known;
        }

        await _negotiationLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_apiVersion is null)
            {
                var version = await GetJsonAsync<VersionResponse>(
                    "/version", null, "negotiate API version", cancellationToken, versioned: false).ConfigureAwait(false);
                Volatile.Write(ref _apiVersion, Negotiate(version.ApiVersion, version.MinApiVersion));
            }

            return _apiVersion!;
        }
        finally
        {
            _negotiationLock.Release();
        }
    }

    /// <summary>Picks the lower of the daemon's and the client's maximum, refusing daemons outside the supported range.</summary>
    internal static Version Negotiate(string? daemonMaximum, string? daemonMinimum)
    {
        if (!TryParseApiVersion(daemonMaximum, out var maximum))
        {
            throw new DockerApiVersionException($"Docker reported an unreadable API version '{daemonMaximum}'");
        }

        if (maximum < MinimumApiVersion)
        {
            throw new DockerApiVersionException(
                $"Docker speaks API {maximum.ToString(2)} but this client needs at least {MinimumApiVersion.ToString(2)}");
        }

        var chosen = maximum < MaximumApiVersion ? maximum : MaximumApiVersion;
        if (TryParseApiVersion(daemonMinimum, out var minimum) && minimum > chosen)
        {
            throw new DockerApiVersionException(
                $"Docker requires API {minimum.ToString(2)} or newer but this client speaks at most {MaximumApiVersion.ToString(2)}");
        }

        return chosen;
    }

    private static bool TryParseApiVersion(string? text, out Version version)
    {
        version = new Version(0, 0);
        if (string.IsNullOrWhiteSpace(text) || !Version.TryParse(text, out var parsed))
        {
            return false;
        }

        version = new Version(parsed.Major, Math.Max(parsed.Minor, 0));
        return true;
    }

    /// <summary>
    /// Sends a request and returns the response once its headers arrived, so streaming bodies can be read
    /// incrementally. Any non-2xx status becomes a <see cref="DockerApiException"/>; the caller owns the response.
    /// </summary>
    public async Task<HttpResponseMessage> OpenAsync(
        HttpMethod method,
        string path,
        DockerQuery? query,
        HttpContent? content,
        string operation,
        CancellationToken cancellationToken,
        bool versioned = true,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var prefix = versioned
            ? "/v" + (await GetApiVersionAsync(cancellationToken).ConfigureAwait(false)).ToString(2)
            : string.Empty;
        // Not disposed here: an upload (image load) may still be sending while the response already streams.
        var request = new HttpRequestMessage(method, prefix + path + query) { Content = content };
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw Unavailable(operation, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Only the handler's ConnectTimeout can cancel without the caller asking.
            throw new DockerUnavailableException(Endpoint, operation, new TimeoutException("connecting timed out", ex));
        }

        if ((int)response.StatusCode is >= 200 and < 300)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(response, operation, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a request whose response body is not needed.</summary>
    public async Task SendAsync(
        HttpMethod method,
        string path,
        DockerQuery? query,
        object? body,
        string operation,
        CancellationToken cancellationToken)
    {
        using var response = await OpenAsync(method, path, query, ToJsonContent(body), operation, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Sends a request and reads its JSON response.</summary>
    public async Task<T> SendJsonAsync<T>(
        HttpMethod method,
        string path,
        DockerQuery? query,
        object? body,
        string operation,
        CancellationToken cancellationToken)
    {
        using var response = await OpenAsync(method, path, query, ToJsonContent(body), operation, cancellationToken)
            .ConfigureAwait(false);
        return await ReadJsonAsync<T>(response, operation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GETs a JSON document.</summary>
    public async Task<T> GetJsonAsync<T>(
        string path,
        DockerQuery? query,
        string operation,
        CancellationToken cancellationToken,
        bool versioned = true)
    {
        using var response = await OpenAsync(HttpMethod.Get, path, query, null, operation, cancellationToken, versioned)
            .ConfigureAwait(false);
        return await ReadJsonAsync<T>(response, operation, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                var value = await JsonSerializer.DeserializeAsync<T>(stream, DockerJson.Options, cancellationToken)
                    .ConfigureAwait(false);
                return value ?? throw new InvalidDataException($"Docker {operation}: the response body was JSON null");
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"Docker {operation}: unexpected response JSON: {ex.Message}", ex);
            }
        }
    }

    /// <summary>
    /// Reads a stream of JSON documents, one per line, as the daemon writes for pulls, loads and events.
    /// </summary>
    public static async IAsyncEnumerable<T> ReadJsonLinesAsync<T>(
        HttpResponseMessage response,
        string operation,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                // Lines already buffered by the reader are returned without looking at the token.
                cancellationToken.ThrowIfCancellationRequested();
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                T? item;
                try
                {
                    item = JsonSerializer.Deserialize<T>(line, DockerJson.Options);
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"Docker {operation}: unreadable stream line '{line}': {ex.Message}", ex);
                }

                if (item is not null)
                {
                    yield return item;
                }
            }
        }
    }

    public static HttpContent? ToJsonContent(object? body)
    {
        if (body is null)
        {
            return null;
        }

        // A buffered body carries Content-Length; the daemon accepts chunked bodies too, but a length makes
        // request logs on either side easier to read and costs nothing for these small documents.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), DockerJson.Options));
        content.Headers.ContentType = _jsonMediaType;
        return content;
    }

    /// <summary>Extracts the daemon's <c>message</c> from an error body, falling back to the raw text.</summary>
    internal static string ExtractMessage(string body, string? reasonPhrase)
    {
        var trimmed = body.Trim();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.NameEquals("message") && property.Value.ValueKind == JsonValueKind.String)
                    {
                        return property.Value.GetString() ?? string.Empty;
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: the raw text below is the best message there is.
            }
        }

        if (trimmed.Length > 0)
        {
            return trimmed;
        }

        return string.IsNullOrEmpty(reasonPhrase) ? "(no message)" : reasonPhrase;
    }

    private static async Task<DockerApiException> ToExceptionAsync(
        HttpResponseMessage response,
        string operation,
        CancellationToken cancellationToken)
    {
        var body = string.Empty;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // The status code alone still tells the caller what went wrong.
        }

        return DockerApiException.From(response.StatusCode, ExtractMessage(body, response.ReasonPhrase), operation);
    }

    private DockerUnavailableException Unavailable(string operation, HttpRequestException exception)
    {
        // Surface the socket's own error ("No such file or directory", "Connection refused") rather than
        // HttpClient's generic wrapper text.
        Exception cause = exception;
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException or IOException)
            {
                cause = inner;
                break;
            }
        }

        return new DockerUnavailableException(Endpoint, operation, cause);
    }

    private async ValueTask<Stream> ConnectUnixAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken) =>
        new NetworkStream(await ConnectSocketAsync(cancellationToken).ConfigureAwait(false), ownsSocket: true);

    /// <summary>
    /// A socket connected to the daemon, outside the HTTP client: for the one call whose connection becomes a raw
    /// bidirectional stream (an attached exec with stdin), which needs its write side closed on its own.
    /// </summary>
    public async Task<Socket> ConnectSocketAsync(CancellationToken cancellationToken)
    {
        var unix = Endpoint.Kind == DockerEndpointKind.Unix;
        var socket = unix
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (unix) await socket.ConnectAsync(new UnixDomainSocketEndPoint(Endpoint.SocketPath!), cancellationToken).ConfigureAwait(false);
            else await socket.ConnectAsync(Endpoint.Host!, Endpoint.Port, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            // .NET reports a missing socket file as "Cannot assign requested address", which sends
            // operators looking at the network instead of at dockerd.
            var reason = !unix || File.Exists(Endpoint.SocketPath) ? ex.Message : "the socket file does not exist";
            throw new IOException($"cannot connect to {(unix ? Endpoint.SocketPath : Endpoint.ToString())}: {reason} (is dockerd running?)", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _negotiationLock.Dispose();
    }
}
