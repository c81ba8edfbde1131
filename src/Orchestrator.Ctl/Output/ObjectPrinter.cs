using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Model.Registry;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Ctl.Output;

/// <summary>
/// Prints objects of one kind as <c>get</c> does: a table (NAMESPACE first with -A, NAME, the kind's columns),
/// YAML or JSON in Kubernetes shape (a list as <c>{"kind":"List","items":[...]}</c>), or <c>kind/name</c> lines.
/// </summary>
public sealed class ObjectPrinter(OutputFormat format, bool allNamespaces)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>kubectl's name of an object of <paramref name="type"/>: <c>pod/web</c>, <c>deployment.apps/web</c>.</summary>
    public static string ResourceName(ResourceType type, string name) =>
        (type.Group.Length == 0 ? type.Singular : $"{type.Singular}.{type.Group}") + "/" + name;

    /// <summary>
    /// The text for <paramref name="items"/> of <paramref name="type"/>. <paramref name="single"/> prints one object
    /// (not a List) in YAML/JSON; <paramref name="prefixNames"/> writes NAME as <c>kind/name</c> (several kinds in one get).
    /// </summary>
    public string Print(ResourceType type, IReadOnlyList<JsonObject> items, DateTimeOffset now, bool single = false, bool prefixNames = false, bool headers = true, bool alignWithHeaders = false) => format switch
    {
        OutputFormat.Json => (single && items.Count == 1 ? items[0] : List(items)).ToJsonString(Indented) + "\n",
        OutputFormat.Yaml => ManifestSerializer.NodeToYaml(single && items.Count == 1 ? items[0] : List(items)),
        OutputFormat.Name => string.Concat(items.Select(i => ResourceName(type, Json.Str(i, "metadata.name") ?? "") + "\n")),
        _ => Rows(type, items, now, prefixNames).Render(headers, alignWithHeaders),
    };

    /// <summary>The table of <paramref name="items"/>.</summary>
    public Table Rows(ResourceType type, IReadOnlyList<JsonObject> items, DateTimeOffset now, bool prefixNames = false)
    {
        var columns = KindColumns.For(type.Kind);
        var wide = format == OutputFormat.Wide && columns.WideHeaders is not null;
        var namespaced = allNamespaces && type.Namespaced;
        var headers = new List<string>();
        if (namespaced) headers.Add("NAMESPACE");
        headers.Add("NAME");
        headers.AddRange(columns.Headers);
        if (wide) headers.AddRange(columns.WideHeaders!);
        var table = new Table(headers);
        foreach (var item in items)
        {
            var cells = new List<string>();
            if (namespaced) cells.Add(Json.Str(item, "metadata.namespace") ?? "");
            var name = Json.Str(item, "metadata.name") ?? "";
            cells.Add(prefixNames ? ResourceName(type, name) : name);
            cells.AddRange(columns.Cells(item, now));
            if (wide) cells.AddRange(columns.WideCells!(item));
            table.Add(cells);
        }

        return table;
    }

    /// <summary>A v1 List of <paramref name="items"/>.</summary>
    public static JsonObject List(IEnumerable<JsonObject> items) => new()
    {
        ["apiVersion"] = "v1",
        ["items"] = new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray()),
        ["kind"] = "List",
        ["metadata"] = new JsonObject { ["resourceVersion"] = "" },
    };
}
