using System.Globalization;
using System.Net.Sockets;
using Orchestrator.Model.Core.V1;
using Orchestrator.Model.Primitives;
using Orchestrator.NodeAgent.Runtime;

namespace Orchestrator.NodeAgent.Pods;

/// <summary>Runs one probe or lifecycle handler: exec in the container, HTTP GET or TCP connect to the pod IP.</summary>
internal static class ProbeRunner
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Runs the probe; returns whether it succeeded and a message for logs and events.</summary>
    public static async Task<(bool Success, string Message)> RunAsync(
        IContainerRuntime runtime, Probe probe, Container container, string containerId, string? podIp, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, probe.TimeoutSeconds ?? 1));
        if (probe.Exec?.Command is { Count: > 0 } command)
        {
            var outcome = await runtime.ExecAsync(containerId, command, timeout, cancellationToken).ConfigureAwait(false);
            return (outcome.ExitCode == 0 && !outcome.TimedOut, outcome.Output);
        }

        if (probe.HttpGet is { } http)
        {
            return await HttpGetAsync(http, container, podIp, timeout, cancellationToken).ConfigureAwait(false);
        }

        if (probe.TcpSocket is { } tcp)
        {
            return await TcpAsync(tcp.Host ?? podIp, ResolvePort(tcp.Port, container), timeout, cancellationToken).ConfigureAwait(false);
        }

        return (false, "probe has no supported handler (exec, httpGet, tcpSocket)");
    }

    /// <summary>Runs a lifecycle handler (preStop, postStart) within <paramref name="timeout"/>; errors are reported, not thrown.</summary>
    public static async Task<(bool Success, string Message)> RunHandlerAsync(
        IContainerRuntime runtime, LifecycleHandler handler, Container container, string containerId, string? podIp,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            if (handler.Exec?.Command is { Count: > 0 } command)
            {
                var outcome = await runtime.ExecAsync(containerId, command, timeout, cancellationToken).ConfigureAwait(false);
                return (outcome.ExitCode == 0, outcome.Output);
            }

            if (handler.HttpGet is { } http)
            {
                return await HttpGetAsync(http, container, podIp, timeout, cancellationToken).ConfigureAwait(false);
            }

            if (handler.Sleep is { } sleep)
            {
                var duration = TimeSpan.FromSeconds(sleep.Seconds);
                await Task.Delay(duration < timeout ? duration : timeout, cancellationToken).ConfigureAwait(false);
                return (true, "slept");
            }

            return (false, "handler has no supported action");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (false, ex.Message);
        }
    }

    /// <summary>A numeric port, or a named port looked up in the container's ports.</summary>
    public static int ResolvePort(IntOrString port, Container container)
    {
        if (!port.IsString)
        {
            return port.IntValue;
        }

        if (int.TryParse(port.StringValue, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return container.Ports?.FirstOrDefault(p => p.Name == port.StringValue)?.Port ?? 0;
    }

    private static async Task<(bool, string)> HttpGetAsync(
        HttpGetAction action, Container container, string? podIp, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var host = action.Host ?? podIp;
        if (string.IsNullOrEmpty(host))
        {
            return (false, "no host to probe: the pod has no IP");
        }

        var scheme = string.Equals(action.Scheme, "HTTPS", StringComparison.OrdinalIgnoreCase) ? "https" : "http";
        var path = string.IsNullOrEmpty(action.Path) ? "/" : action.Path.StartsWith('/') ? action.Path : "/" + action.Path;
        var uri = new Uri($"{scheme}://{host}:{ResolvePort(action.Port, container).ToString(CultureInfo.InvariantCulture)}{path}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        foreach (var header in action.HttpHeaders ?? [])
        {
            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return (code is >= 200 and < 400, $"HTTP probe to {uri} answered {code}");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (false, $"HTTP probe to {uri} failed: {ex.Message}");
        }
    }

    private static async Task<(bool, string)> TcpAsync(string? host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(host))
        {
            return (false, "no host to probe: the pod has no IP");
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(host, port, deadline.Token).ConfigureAwait(false);
            return (true, $"TCP connect to {host}:{port} succeeded");
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (false, $"TCP connect to {host}:{port} failed: {ex.Message}");
        }
    }
}
