using System.Text.Json.Nodes;

namespace Orchestrator.Ctl.Tests.Output;

/// <summary>Objects as the admin console sends them (Kubernetes JSON), for the printer tests.</summary>
internal static class TestObjects
{
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-05-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    public static JsonObject RunningPod(string name, string ns = "default", int restarts = 0) => Parse($$$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{{name}}}}","namespace":"{{{{ns}}}}","creationTimestamp":"2026-05-01T11:57:55Z"},
         "spec":{"nodeName":"n1","containers":[{"name":"web","image":"busybox"}]},
         "status":{"phase":"Running","podIP":"172.17.0.5","containerStatuses":[{"name":"web","ready":true,"restartCount":{{{{restarts}}}},"state":{"running":{"startedAt":"2026-05-01T11:58:00Z"}},"containerID":"docker://abc"}]}}
        """);

    public static JsonObject WaitingPod(string name, string reason) => Parse($$$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{{name}}}}","namespace":"default","creationTimestamp":"2026-05-01T11:59:50Z"},
         "spec":{"containers":[{"name":"web","image":"busybox"},{"name":"side","image":"busybox"}]},
         "status":{"phase":"Pending","containerStatuses":[{"name":"web","ready":false,"restartCount":3,"state":{"waiting":{"reason":"{{{{reason}}}}"}}},{"name":"side","ready":true,"restartCount":1,"state":{"running":{}}}]}}
        """);

    public static JsonObject Deployment(string name, int replicas, int ready, int updated, int available) => Parse($$$$"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"{{{{name}}}}","namespace":"default","creationTimestamp":"2026-04-28T12:00:00Z","generation":2},
         "spec":{"replicas":{{{{replicas}}}},"selector":{"matchLabels":{"app":"{{{{name}}}}"}},"template":{"metadata":{"labels":{"app":"{{{{name}}}}"}},"spec":{"containers":[{"name":"web","image":"busybox:1"}]}}},
         "status":{"observedGeneration":2,"replicas":{{{{replicas}}}},"readyReplicas":{{{{ready}}}},"updatedReplicas":{{{{updated}}}},"availableReplicas":{{{{available}}}}}}
        """);

    public static JsonObject Node(string name, bool ready, bool unschedulable) => Parse($$$$"""
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"{{{{name}}}}","creationTimestamp":"2026-05-01T09:00:00Z","labels":{"node-role.kubernetes.io/control-plane":""}},
         "spec":{"unschedulable":{{{{(unschedulable ? "true" : "false")}}}}},
         "status":{"conditions":[{"type":"Ready","status":"{{{{(ready ? "True" : "False")}}}}"}],"nodeInfo":{"kubeletVersion":"orchestrator-1.0.0"}}}
        """);
}
