using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.Model.Serialization;
using static Orchestrator.Ctl.Output.Json;

namespace Orchestrator.Ctl.Output;

/// <summary>
/// <c>describe</c>: the object's identity and metadata as kubectl's describers print them (label-aligned
/// fields), a summary of pods' containers, the rest of spec and status as YAML, and the Events table.
/// </summary>
public static class DescribePrinter
{
    private const int LabelWidth = 20;

    /// <summary>The description of one object and its events.</summary>
    public static string Print(JsonObject obj, IReadOnlyList<JsonObject> events, DateTimeOffset now)
    {
        var text = new StringBuilder();
        Field(text, "Name:", Str(obj, "metadata.name"));
        if (Str(obj, "metadata.namespace") is { } ns) Field(text, "Namespace:", ns);
        MapField(text, "Labels:", Map(obj, "metadata.labels"));
        MapField(text, "Annotations:", Map(obj, "metadata.annotations").Where(a => a.Key != Actors.Admin.ApplyPlan.LastAppliedAnnotation).ToList());
        Field(text, "CreationTimestamp:", Str(obj, "metadata.creationTimestamp"));
        if (Str(obj, "metadata.deletionTimestamp") is { } deleting) Field(text, "Deleting:", deleting);
        if (Str(obj, "kind") == "Pod") Pod(text, obj);
        // Everything else in the object (spec, status, data, ...) as YAML under its title-cased name.
        foreach (var (key, value) in obj.Where(p => p.Key is not ("apiVersion" or "kind" or "metadata")))
            Section(text, char.ToUpperInvariant(key[0]) + key[1..] + ":", value);
        Events(text, events, now);
        return text.ToString();
    }

    private static void Pod(StringBuilder text, JsonObject pod)
    {
        Field(text, "Node:", Str(pod, "spec.nodeName") ?? "<none>");
        Field(text, "Status:", PodStatus.Of(pod));
        Field(text, "IP:", Str(pod, "status.podIP") ?? "");
        text.Append("Containers:\n");
        var statuses = Items(pod, "status.containerStatuses").ToDictionary(s => Str(s, "name") ?? "", s => s);
        foreach (var container in Items(pod, "spec.containers"))
        {
            var name = Str(container, "name") ?? "";
            text.Append("  ").Append(name).Append(":\n");
            statuses.TryGetValue(name, out var status);
            Field(text, "    Container ID:", Str(status, "containerID") ?? "");
            Field(text, "    Image:", Str(container, "image"));
            var state = At(status, "state") is JsonObject s && s.Count > 0 ? s.First().Key : "Waiting";
            Field(text, "    State:", char.ToUpperInvariant(state[0]) + state[1..]);
            Field(text, "    Ready:", Str(status, "ready") == "true" ? "True" : "False");
            Field(text, "    Restart Count:", Int(status, "restartCount").ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static void Events(StringBuilder text, IReadOnlyList<JsonObject> events, DateTimeOffset now)
    {
        if (events.Count == 0)
        {
            text.Append("Events:").Append(new string(' ', LabelWidth - 7)).Append("<none>\n");
            return;
        }

        text.Append("Events:\n");
        var table = new Table(["Type", "Reason", "Age", "From", "Message"]);
        table.Add(["----", "------", "----", "----", "-------"]);
        foreach (var e in events)
        {
            var age = Age.Since(Time(e, "lastTimestamp") ?? Time(e, "eventTime") ?? Time(e, "metadata.creationTimestamp"), now);
            var from = Str(e, "source.component") ?? Str(e, "reportingComponent") ?? "";
            table.Add([Str(e, "type") ?? "", Str(e, "reason") ?? "", age, from, Str(e, "message") ?? ""]);
        }

        foreach (var line in table.Render().Split('\n', StringSplitOptions.RemoveEmptyEntries)) text.Append("  ").Append(line).Append('\n');
    }

    private static void Field(StringBuilder text, string label, string? value) =>
        text.Append(label.PadRight(Math.Max(LabelWidth, label.Length + 1))).Append(value ?? "").Append('\n');

    private static void MapField(StringBuilder text, string label, IReadOnlyList<KeyValuePair<string, string>> map)
    {
        if (map.Count == 0)
        {
            Field(text, label, "<none>");
            return;
        }

        for (var i = 0; i < map.Count; i++) Field(text, i == 0 ? label : "", $"{map[i].Key}={map[i].Value}");
    }

    private static void Section(StringBuilder text, string label, JsonNode? node)
    {
        if (node is null or JsonObject { Count: 0 } or JsonArray { Count: 0 }) return;
        if (node is JsonValue scalar)
        {
            Field(text, label, scalar.GetValueKind() == System.Text.Json.JsonValueKind.String ? scalar.GetValue<string>() : scalar.ToJsonString());
            return;
        }

        text.Append(label).Append('\n');
        foreach (var line in ManifestSerializer.NodeToYaml(node).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line == "---") continue;
            text.Append("  ").Append(line).Append('\n');
        }
    }
}
