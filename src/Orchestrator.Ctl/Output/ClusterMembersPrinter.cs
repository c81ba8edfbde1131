using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Actors.Admin;
using Orchestrator.Model.Serialization;

namespace Orchestrator.Ctl.Output;

/// <summary>
/// Prints <c>cluster members</c>: a table <c>ADDRESS STATUS ROLES UP-NUMBER NOTES</c> (an unreachable member's status
/// reads <c>Up,Unreachable</c>, as kubectl writes <c>Ready,SchedulingDisabled</c>; NOTES say which member is the
/// oldest, which the leader, and which answered), or the report as JSON or YAML.
/// </summary>
public static class ClusterMembersPrinter
{
    private static readonly JsonSerializerOptions Camel = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The text of <paramref name="report"/> in <paramref name="format"/> (wide is the table; name is not offered).</summary>
    public static string Print(ClusterMembersListed report, OutputFormat format) => format switch
    {
        OutputFormat.Json => ToJson(report).ToJsonString(Camel) + "\n",
        OutputFormat.Yaml => ManifestSerializer.NodeToYaml(ToJson(report)),
        _ => Rows(report).Render(),
    };

    /// <summary>The table of <paramref name="report"/>.</summary>
    public static Table Rows(ClusterMembersListed report)
    {
        var table = new Table(["ADDRESS", "STATUS", "ROLES", "UP-NUMBER", "NOTES"]);
        foreach (var member in report.Members)
        {
            var notes = new List<string>();
            if (member.Oldest) notes.Add("oldest");
            if (member.Leader) notes.Add("leader");
            if (member.Address == report.AnsweredBy) notes.Add("answering");
            table.Add([
                member.Address,
                member.Reachable ? member.Status : member.Status + ",Unreachable",
                member.Roles.Count == 0 ? "<none>" : string.Join(",", member.Roles),
                member.UpNumber > 0 ? member.UpNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-",
                notes.Count == 0 ? "" : string.Join(",", notes),
            ]);
        }

        return table;
    }

    private static JsonObject ToJson(ClusterMembersListed report) => (JsonObject)JsonSerializer.SerializeToNode(report, Camel)!;
}
