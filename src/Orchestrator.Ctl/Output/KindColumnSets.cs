using System.Globalization;
using System.Text.Json.Nodes;
using static Orchestrator.Ctl.Output.Json;

namespace Orchestrator.Ctl.Output;

/// <summary>kubectl's columns per kind (the built-in printers of <c>kubectl get</c>).</summary>
internal static class KindColumnSets
{
    private const string None = "<none>";

    /// <summary>Every kind with its own columns.</summary>
    public static readonly IReadOnlyDictionary<string, KindColumns> ByKind = new Dictionary<string, KindColumns>(StringComparer.Ordinal)
    {
        ["Pod"] = new(["READY", "STATUS", "RESTARTS", "AGE"],
            (o, now) => [PodReady(o), PodStatus.Of(o), Items(o, "status.containerStatuses").Sum(c => Int(c, "restartCount")).ToString(CultureInfo.InvariantCulture), AgeOf(o, now)],
            ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
            o => [Str(o, "status.podIP") ?? None, Str(o, "spec.nodeName") ?? None, Str(o, "status.nominatedNodeName") ?? None, None]),
        ["Deployment"] = new(["READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
            (o, now) => [$"{Int(o, "status.readyReplicas")}/{Int(o, "spec.replicas", 1)}", Num(o, "status.updatedReplicas"), Num(o, "status.availableReplicas"), AgeOf(o, now)],
            ["CONTAINERS", "IMAGES", "SELECTOR"],
            o => [.. Containers(o, "spec.template.spec.containers"), Selector(o)]),
        ["ReplicaSet"] = new(["DESIRED", "CURRENT", "READY", "AGE"],
            (o, now) => [Num(o, "spec.replicas", 1), Num(o, "status.replicas"), Num(o, "status.readyReplicas"), AgeOf(o, now)],
            ["CONTAINERS", "IMAGES", "SELECTOR"],
            o => [.. Containers(o, "spec.template.spec.containers"), Selector(o)]),
        ["StatefulSet"] = new(["READY", "AGE"],
            (o, now) => [$"{Int(o, "status.readyReplicas")}/{Int(o, "spec.replicas", 1)}", AgeOf(o, now)],
            ["CONTAINERS", "IMAGES"],
            o => Containers(o, "spec.template.spec.containers")),
        ["DaemonSet"] = new(["DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"],
            (o, now) => [Num(o, "status.desiredNumberScheduled"), Num(o, "status.currentNumberScheduled"), Num(o, "status.numberReady"), Num(o, "status.updatedNumberScheduled"),
                Num(o, "status.numberAvailable"), Joined(Map(o, "spec.template.spec.nodeSelector")), AgeOf(o, now)]),
        ["Service"] = new(["TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
            (o, now) => [Str(o, "spec.type") ?? "ClusterIP", Str(o, "spec.clusterIP") ?? None, ExternalIp(o), Ports(o), AgeOf(o, now)],
            ["SELECTOR"],
            o => [Joined(Map(o, "spec.selector"))]),
        ["Node"] = new(["STATUS", "ROLES", "AGE", "VERSION"],
            (o, now) => [NodeStatus(o), Roles(o), AgeOf(o, now), Str(o, "status.nodeInfo.kubeletVersion") ?? ""],
            ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"],
            o => [NodeAddress(o, "InternalIP"), NodeAddress(o, "ExternalIP"), Str(o, "status.nodeInfo.osImage") ?? "", Str(o, "status.nodeInfo.kernelVersion") ?? "",
                Str(o, "status.nodeInfo.containerRuntimeVersion") ?? ""]),
        ["Namespace"] = new(["STATUS", "AGE"], (o, now) => [Str(o, "status.phase") ?? "Active", AgeOf(o, now)]),
        ["Event"] = new(["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
            (o, now) => [Age.Since(Time(o, "lastTimestamp") ?? Time(o, "eventTime") ?? Time(o, "metadata.creationTimestamp"), now), Str(o, "type") ?? "",
                Str(o, "reason") ?? "", $"{Str(o, "involvedObject.kind")?.ToLowerInvariant()}/{Str(o, "involvedObject.name")}", Str(o, "message") ?? ""]),
        ["ConfigMap"] = new(["DATA", "AGE"], (o, now) => [Count(o, "data", "binaryData"), AgeOf(o, now)]),
        ["Secret"] = new(["TYPE", "DATA", "AGE"], (o, now) => [Str(o, "type") ?? "Opaque", Count(o, "data", "stringData"), AgeOf(o, now)]),
        ["Lease"] = new(["HOLDER", "AGE"], (o, now) => [Str(o, "spec.holderIdentity") ?? "", AgeOf(o, now)]),
        ["Job"] = new(["COMPLETIONS", "AGE"], (o, now) => [$"{Int(o, "status.succeeded")}/{Int(o, "spec.completions", 1)}", AgeOf(o, now)]),
    };

    private static string AgeOf(JsonNode o, DateTimeOffset now) => Age.Since(Time(o, "metadata.creationTimestamp"), now);

    private static string Num(JsonNode o, string path, long fallback = 0) => Int(o, path, fallback).ToString(CultureInfo.InvariantCulture);

    private static string PodReady(JsonNode o)
    {
        var total = Items(o, "spec.containers").Count();
        var ready = Items(o, "status.containerStatuses").Count(c => Str(c, "ready") == "true");
        return $"{ready}/{total}";
    }

    private static string Joined(IReadOnlyList<KeyValuePair<string, string>> map) =>
        map.Count == 0 ? None : string.Join(",", map.Select(p => $"{p.Key}={p.Value}"));

    private static IReadOnlyList<string> Containers(JsonNode o, string path)
    {
        var containers = Items(o, path).ToList();
        return [string.Join(",", containers.Select(c => Str(c, "name"))), string.Join(",", containers.Select(c => Str(c, "image")))];
    }

    private static string Selector(JsonNode o)
    {
        var labels = Joined(Map(o, "spec.selector.matchLabels"));
        return labels == None && At(o, "spec.selector.matchExpressions") is not null ? "<expressions>" : labels;
    }

    private static string ExternalIp(JsonNode o)
    {
        var ips = Items(o, "status.loadBalancer.ingress").Select(i => Str(i, "ip") ?? Str(i, "hostname")).Concat(Items(o, "spec.externalIPs").Select(i => i.GetValue<string>())).ToList();
        if (ips.Count > 0) return string.Join(",", ips);
        return Str(o, "spec.type") == "LoadBalancer" ? "<pending>" : None;
    }

    private static string Ports(JsonNode o)
    {
        var ports = Items(o, "spec.ports").Select(p =>
            Str(p, "nodePort") is { } node ? $"{Str(p, "port")}:{node}/{Str(p, "protocol") ?? "TCP"}" : $"{Str(p, "port")}/{Str(p, "protocol") ?? "TCP"}").ToList();
        return ports.Count == 0 ? None : string.Join(",", ports);
    }

    private static string NodeStatus(JsonNode o)
    {
        var ready = Items(o, "status.conditions").FirstOrDefault(c => Str(c, "type") == "Ready");
        var status = ready is null ? "Unknown" : Str(ready, "status") == "True" ? "Ready" : "NotReady";
        return Str(o, "spec.unschedulable") == "true" ? status + ",SchedulingDisabled" : status;
    }

    private static string Roles(JsonNode o)
    {
        const string prefix = "node-role.kubernetes.io/";
        var roles = Map(o, "metadata.labels").Where(l => l.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l.Key[prefix.Length..]).Where(r => r.Length > 0).ToList();
        return roles.Count == 0 ? None : string.Join(",", roles);
    }

    private static string NodeAddress(JsonNode o, string type) =>
        Items(o, "status.addresses").Where(a => Str(a, "type") == type).Select(a => Str(a, "address")).FirstOrDefault() ?? None;

    private static string Count(JsonNode o, params string[] maps) =>
        maps.Sum(m => At(o, m) is JsonObject obj ? obj.Count : 0).ToString(CultureInfo.InvariantCulture);
}
