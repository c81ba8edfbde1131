using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace Orchestrator.Benchmarks.Etcd;

/// <summary>
/// etcd's native protocol for the same put, for reference next to the JSON gateway: gRPC
/// <c>etcdserverpb.KV/Put</c> over cleartext HTTP/2 on 127.0.0.1, the message encoded by hand (a
/// PutRequest with only field 1 <c>key</c> and field 2 <c>value</c>, both bytes), so no gRPC or
/// protobuf package is needed. Many concurrent calls share a few HTTP/2 connections, as etcd's own
/// Go client and the Kubernetes API server do.
/// </summary>
internal sealed class EtcdGrpcClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Grpc = new("application/grpc");

    private readonly HttpClient _http;

    public EtcdGrpcClient(int port)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            // Go's HTTP/2 server caps concurrent streams per connection; more connections take the rest.
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        _http = new HttpClient(handler)
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>A length-prefixed gRPC message holding PutRequest{key, value}, built once and sent as often as needed.</summary>
    public static byte[] PutMessage(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var protobuf = new List<byte>(key.Length + value.Length + 8);
        AddBytesField(protobuf, 1, key);
        AddBytesField(protobuf, 2, value);
        var frame = new byte[5 + protobuf.Count];
        frame[0] = 0; // not compressed
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)protobuf.Count);
        protobuf.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>Sends one Put (a message from <see cref="PutMessage"/>) and returns once etcd acknowledged it.</summary>
    public async Task PutAsync(byte[] message)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "etcdserverpb.KV/Put")
        {
            Content = new ByteArrayContent(message),
            // Prior-knowledge HTTP/2 without TLS (h2c), which etcd's client port speaks for gRPC; an
            // HTTP/1.1 request (the default for a hand-built message) would reach the gateway's 404.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = Grpc;
        request.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await _http.SendAsync(request);
        // The PutResponse itself (a header with the new revision) is not needed; reading it to the end
        // is what makes the trailers (and with them grpc-status) available.
        var body = await response.Content.ReadAsByteArrayAsync();
        var status = Status(response);
        if (response.StatusCode != HttpStatusCode.OK || status != "0" || body.Length < 5)
        {
            var detail = response.TrailingHeaders.TryGetValues("grpc-message", out var m) ? string.Join(",", m) : "";
            throw new InvalidOperationException($"etcd gRPC Put answered HTTP {(int)response.StatusCode}, grpc-status {status ?? "none"} {detail}");
        }
    }

    /// <summary>Checks that the server answers gRPC at all, with one put of a probe key.</summary>
    public Task ProbeAsync() => PutAsync(PutMessage("orch-bench/probe-grpc"u8, "ok"u8));

    // A normal answer carries grpc-status in its trailers; a "trailers-only" error carries it in the headers.
    private static string? Status(HttpResponseMessage response) =>
        response.TrailingHeaders.TryGetValues("grpc-status", out var trailer) ? trailer.FirstOrDefault()
        : response.Headers.TryGetValues("grpc-status", out var header) ? header.FirstOrDefault()
        : null;

    private static void AddBytesField(List<byte> buffer, int field, ReadOnlySpan<byte> bytes)
    {
        AddVarint(buffer, (uint)(field << 3 | 2)); // wire type 2: length-delimited
        AddVarint(buffer, (uint)bytes.Length);
        foreach (var b in bytes) buffer.Add(b);
    }

    private static void AddVarint(List<byte> buffer, uint value)
    {
        while (value >= 0x80)
        {
            buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }
        buffer.Add((byte)value);
    }

    public void Dispose() => _http.Dispose();
}
