using System.Text.Json.Nodes;
using Orchestrator.Actors.Admin;
using Orchestrator.Ctl.Connection;
using Orchestrator.Ctl.Output;

namespace Orchestrator.Ctl.Cli;

/// <summary>
/// The waiting half of <c>drain</c>: lists the node's pods, keeps those just evicted (by uid, so a pod recreated under
/// the same name elsewhere does not count), and watches the node's pods from the list's resourceVersion, printing
/// <c>pod/NAME evicted</c> as each one's DELETED arrives, until none is left or the timeout names those still there.
/// </summary>
public static class DrainWait
{
    /// <summary>Returns once every pod of <paramref name="evicted"/> is gone; a <see cref="CtlException"/> on timeout.</summary>
    public static async Task UntilGoneAsync(CommandRunner runner, AdminConnection connection, string node, IReadOnlyList<ObjectOutcome> evicted,
        TimeSpan timeout, CancellationToken cancel)
    {
        if (evicted.Count == 0) return;
        var query = new ResourceQuery("pods", AllNamespaces: true, FieldSelector: $"spec.nodeName={node}");
        var found = await connection.Ask<ObjectsFound>(new GetObjects(query)).ConfigureAwait(false);
        if (found.Error is { } error) throw CtlException.Server(error);

        var wanted = evicted.Select(o => $"{o.Namespace}/{o.Name}").ToHashSet(StringComparer.Ordinal);
        var remaining = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pod in found.Items.Select(i => JsonNode.Parse(i)!))
        {
            var key = $"{Json.Str(pod, "metadata.namespace")}/{Json.Str(pod, "metadata.name")}";
            if (wanted.Remove(key)) remaining[Json.Str(pod, "metadata.uid") ?? key] = key;
        }

        // Evicted pods the list no longer holds are gone already.
        foreach (var gone in wanted) await Evicted(runner, gone).ConfigureAwait(false);
        if (remaining.Count == 0) return;

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (timeout > TimeSpan.Zero) deadline.CancelAfter(timeout);
        await using var watch = await WatchStream.OpenAsync(connection, new WatchResources(query, found.ResourceVersion), deadline.Token).ConfigureAwait(false);
        await foreach (var change in watch.ReadAllAsync(deadline.Token).ConfigureAwait(false))
        {
            if (change.Type != "DELETED") continue;
            var uid = Json.Str(JsonNode.Parse(change.Object), "metadata.uid") ?? "";
            if (!remaining.Remove(uid, out var key)) continue;
            await Evicted(runner, key).ConfigureAwait(false);
            if (remaining.Count == 0) return;
        }

        if (watch.Ended is { } ended) throw CtlException.Server(ended);
        if (cancel.IsCancellationRequested) throw new CtlException($"error: drain of node {node} interrupted; pods still there: {string.Join(", ", remaining.Values.Order())}");
        throw new CtlException($"error: timed out after {timeout.TotalSeconds:0.#} s waiting for the evicted pods of node {node} to be gone; still there: {string.Join(", ", remaining.Values.Order())}");
    }

    private static Task Evicted(CommandRunner runner, string key) =>
        runner.Context.Out.WriteLineAsync($"pod/{key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..]} evicted");
}
