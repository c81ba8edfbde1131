using System.Text.Json.Nodes;
using Orchestrator.Actors.Admin;
using Orchestrator.Model.Serialization;
using Orchestrator.Runtime;

namespace Orchestrator.Host.Startup;

/// <summary>
/// <c>orch up --demo</c>: applies the demo manifests through the admin console (the path orchctl's requests take)
/// and prints the Deployments' progress each time it changes, until every one is available or the wait ends.
/// </summary>
public sealed class Demo(IActorRef adminConsole, HostSettings settings, TextWriter output)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    /// <summary>Applies and follows; ends early when <paramref name="stopped"/> completes.</summary>
    public async Task RunAsync(Task stopped)
    {
        try
        {
            if (!await ApplyAsync().ConfigureAwait(false)) return;
            await FollowAsync(stopped).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            output.WriteLine($"demo: {e.Message}");
        }
    }

    private async Task<bool> ApplyAsync()
    {
        if (!Directory.Exists(settings.DemoManifests))
        {
            output.WriteLine($"demo: no folder {Path.GetFullPath(settings.DemoManifests)} (orchestrator.host.demo-manifests); run orch from the project folder");
            return false;
        }

        var manifests = new List<string>();
        foreach (var file in Directory.GetFiles(settings.DemoManifests).Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var read = ManifestSerializer.Default.ReadFile(file);
            foreach (var error in read.Errors) output.WriteLine($"demo: {error}");
            manifests.AddRange(read.Documents.Select(d => d.Node.ToJsonString()));
        }

        output.WriteLine($"demo: applying {settings.DemoManifests}/");
        var result = await adminConsole.Ask<AdminResult>(new WriteObjects(manifests, null, WriteMode.Apply), TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        foreach (var outcome in result.Outcomes)
            output.WriteLine(outcome.Error is { } e ? $"demo: {outcome.Resource}/{outcome.Name}: {e.Message}" : $"demo: {outcome.Resource}/{outcome.Name} {outcome.Action}");
        return result.Outcomes.All(o => o.Error is null);
    }

    private async Task FollowAsync(Task stopped)
    {
        var deadline = DateTimeOffset.UtcNow + settings.DemoWait;
        string? last = null;
        while (!stopped.IsCompleted && DateTimeOffset.UtcNow < deadline)
        {
            var found = await adminConsole.Ask<ObjectsFound>(new GetObjects(new ResourceQuery("deployments")), TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            var pods = await adminConsole.Ask<ObjectsFound>(new GetObjects(new ResourceQuery("pods")), TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            var running = pods.Items.Count(p => JsonNode.Parse(p)?["status"]?["phase"]?.GetValue<string>() == "Running");
            var lines = found.Items.Select(i => JsonNode.Parse(i)).Select(d =>
                $"deployment/{d?["metadata"]?["name"]}: {d?["status"]?["availableReplicas"] ?? 0}/{d?["spec"]?["replicas"] ?? 1} available");
            var line = $"demo: {string.Join(", ", lines)}; pods running: {running}";
            if (line != last) output.WriteLine(line);
            last = line;
            if (found.Items.Count > 0 && found.Items.Select(i => JsonNode.Parse(i)).All(d => (d?["status"]?["availableReplicas"]?.GetValue<int>() ?? 0) >= (d?["spec"]?["replicas"]?.GetValue<int>() ?? 1)))
            {
                output.WriteLine("demo: converged. Try: ./orchctl get pods -o wide");
                return;
            }

            await Task.WhenAny(stopped, Task.Delay(Poll)).ConfigureAwait(false);
        }

        if (!stopped.IsCompleted)
            output.WriteLine($"demo: not converged after {settings.DemoWait.TotalMinutes:0} min; ./orchctl describe deployments and ./orchctl get events show why");
    }
}
