using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Orchestrator.Benchmarks.Etcd;

/// <summary>
/// The smallest etcd v3 client the comparison needs: puts through etcd's HTTP/JSON gateway (the
/// grpc-gateway in front of the KV service), keys and values base64-encoded in the JSON body as the
/// gateway's protobuf mapping wants. Talks to 127.0.0.1 only, never through a proxy.
/// </summary>
/// <remarks>
/// HTTP/1.1: one request per connection at a time, so the handler allows as many connections as there
/// are concurrent writers and every writer gets its own keep-alive connection, opened during warm-up.
/// </remarks>
internal sealed class EtcdGatewayClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private string _prefix = "";

    public EtcdGatewayClient(int port, int maxConnections)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>The server's version as <c>GET /version</c> reports it, e.g. 3.4.23.</summary>
    public string ServerVersion { get; private set; } = "";

    /// <summary>The gateway prefix found by <see cref="ConnectAsync"/>: <c>/v3</c> (etcd 3.4+) or <c>/v3beta</c> (3.3).</summary>
    public string GatewayPrefix => "/" + _prefix;

    /// <summary>Reads the version and finds the gateway path that accepts a put; fails naming what was tried.</summary>
    public async Task ConnectAsync()
    {
        HttpResponseMessage version;
        try
        {
            version = await _http.GetAsync("version");
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"etcd is not reachable at {_http.BaseAddress}: {e.Message}. Start it with `bash scripts/ensure-etcd.sh`.", e);
        }
        using (version)
        {
            var text = await version.Content.ReadAsStringAsync();
            if (!version.IsSuccessStatusCode)
                throw new InvalidOperationException($"etcd GET /version answered {(int)version.StatusCode}: {text}. Is it running? `bash scripts/ensure-etcd.sh`");
            using var json = JsonDocument.Parse(text);
            ServerVersion = json.RootElement.GetProperty("etcdserver").GetString() ?? "?";
        }

        var tried = new List<string>();
        // 3.4 serves /v3 (and still /v3beta, deprecated); 3.3 serves /v3beta; 3.2 /v3alpha.
        foreach (var prefix in new[] { "v3", "v3beta", "v3alpha" })
        {
            _prefix = prefix;
            using var response = await SendPutAsync(PutBody("orch-bench/probe"u8, "ok"u8));
            if (response.IsSuccessStatusCode && await IsPutResponseAsync(response)) return;
            tried.Add($"/{prefix}/kv/put -> {(int)response.StatusCode}");
        }
        throw new InvalidOperationException($"etcd {ServerVersion}: no gateway path accepted a put ({string.Join(", ", tried)}).");
    }

    /// <summary>The JSON body of a put, built once per key and value and sent as often as needed.</summary>
    public static byte[] PutBody(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) =>
        Encoding.ASCII.GetBytes($"{{\"key\":\"{Convert.ToBase64String(key)}\",\"value\":\"{Convert.ToBase64String(value)}\"}}");

    /// <summary>Puts one key (the body from <see cref="PutBody"/>) and returns once etcd acknowledged it.</summary>
    public async Task PutAsync(byte[] body)
    {
        using var response = await SendPutAsync(body);
        if (!response.IsSuccessStatusCode || !await IsPutResponseAsync(response))
            throw new InvalidOperationException($"etcd put via {GatewayPrefix}/kv/put answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private Task<HttpResponseMessage> SendPutAsync(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _prefix + "/kv/put") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        return _http.SendAsync(request);
    }

    // A put answers {"header":{...}} (plus prev_kv when asked); an error answers {"error":...,"code":...}.
    private static async Task<bool> IsPutResponseAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        return body.AsSpan().IndexOf("\"header\""u8) >= 0;
    }

    public void Dispose() => _http.Dispose();
}
