using System.Text.Json.Nodes;
using Orchestrator.Actors.Admin;
using Orchestrator.Ctl.Output;

namespace Orchestrator.Ctl.Tests.Output;

public sealed class ClusterMembersPrinterTests
{
    private static readonly ClusterMembersListed Report = new(
    [
        new ClusterMemberInfo("orch.tcp://orch@127.0.0.1:2551", "Up", true, ["control-plane"], 1, true, true),
        new ClusterMemberInfo("orch.tcp://orch@127.0.0.1:2552", "Up", false, ["control-plane"], 2, false, false),
        new ClusterMemberInfo("orch.tcp://orch@127.0.0.1:2553", "Joining", true, [], 0, false, false),
    ], "orch.tcp://orch@127.0.0.1:2552");

    [Fact]
    public void The_table_marks_unreachable_members_in_their_status_and_notes_the_oldest_the_leader_and_the_answering_member()
    {
        Assert.Equal(
            "ADDRESS                          STATUS           ROLES           UP-NUMBER   NOTES\n" +
            "orch.tcp://orch@127.0.0.1:2551   Up               control-plane   1           oldest,leader\n" +
            "orch.tcp://orch@127.0.0.1:2552   Up,Unreachable   control-plane   2           answering\n" +
            "orch.tcp://orch@127.0.0.1:2553   Joining          <none>          -\n",
            ClusterMembersPrinter.Print(Report, OutputFormat.Table));
    }

    [Fact]
    public void Json_carries_every_field_in_camel_case()
    {
        var json = JsonNode.Parse(ClusterMembersPrinter.Print(Report, OutputFormat.Json))!;
        Assert.Equal("orch.tcp://orch@127.0.0.1:2552", json["answeredBy"]!.GetValue<string>());
        var second = json["members"]![1]!;
        Assert.Equal(("Up", false, 2, false), (second["status"]!.GetValue<string>(), second["reachable"]!.GetValue<bool>(), second["upNumber"]!.GetValue<int>(), second["oldest"]!.GetValue<bool>()));
        Assert.Equal("control-plane", second["roles"]![0]!.GetValue<string>());
    }
}
